using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Cli;

/// <summary><c>merlin flow ...</c> run as a process against a real server.</summary>
public sealed class FlowCliTests(CliFixture cli) : IClassFixture<CliFixture>
{
    private static string Flow(string ns, string id, string message = "hello") => $"""
        id: {id}
        namespace: {ns}
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: {message}
        """;

    [Fact]
    public async Task Validate_accepts_good_files_and_exits_0()
    {
        var folder = cli.Folder(("a.yml", Flow("cli.validate", "a")), ("b.yaml", Flow("cli.validate", "b")));

        var result = await cli.RunAsync("flow", "validate", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cli.validate.a", result.Output);
        Assert.Contains("cli.validate.b", result.Output);
        Assert.Contains("2 flow(s) valid", result.Error);
    }

    [Fact]
    public async Task Validate_reports_every_error_with_file_line_and_column_and_exits_1()
    {
        var bad = """
            id: bad
            namespace: cli.validate
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Logg
                message: x
            ---
            id: bad2
            namespace: cli.validate
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                mesage: x
            """;
        var folder = cli.Folder(("bad.yml", bad), ("good.yml", Flow("cli.validate", "good")));

        var result = await cli.RunAsync("flow", "validate", folder);

        Assert.True(result.ExitCode == 1, result.ToString());
        var file = Path.Combine(folder, "bad.yml");
        Assert.Contains($"{file}:5:11: flow.tasks[0].type", result.Error);
        Assert.Contains($"{file}:13:5: flow.tasks[0].mesage", result.Error); // second document: lines counted in the file
        Assert.Contains("2 of 3 flow(s) invalid", result.Error);
    }

    [Fact]
    public async Task Deploy_twice_makes_no_new_revision_and_deletes_missing_flows_on_request()
    {
        var folder = cli.Folder(("one.yml", Flow("cli.deploy", "one")), ("two.yml", Flow("cli.deploy", "two")));

        var first = await cli.RunAsync("flow", "deploy", folder, "--namespace", "cli.deploy");
        var second = await cli.RunAsync("flow", "deploy", folder, "--namespace", "cli.deploy", "--output", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("created", first.Output);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.All(JsonNode.Parse(second.Output)!.AsArray(), f => Assert.Equal(1, (int)f!["revision"]!));
        var revisions = await cli.Server.GetJsonAsync("api/v1/flows/cli.deploy/one/revisions");
        Assert.Single(revisions.AsArray());

        File.Delete(Path.Combine(folder, "two.yml"));
        File.WriteAllText(Path.Combine(folder, "one.yml"), Flow("cli.deploy", "one", "changed"));
        var third = await cli.RunAsync("flow", "deploy", folder, "--namespace", "cli.deploy", "--delete-missing");

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("updated", third.Output);
        var live = await cli.Server.GetJsonAsync("api/v1/flows/cli.deploy");
        Assert.Equal(["one"], live.AsArray().Select(f => (string)f!["id"]!));
        Assert.Equal(2, (int)live[0]!["revision"]!);
    }

    [Fact]
    public async Task Deploy_of_an_invalid_file_deploys_nothing_and_exits_1()
    {
        var folder = cli.Folder(("ok.yml", Flow("cli.invalid", "ok")), ("bad.yml", "id: bad\nnamespace: cli.invalid\ntasks: 3\n"));

        var result = await cli.RunAsync("flow", "deploy", folder);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("bad.yml:3:", result.Error);
        var flows = await cli.Server.GetJsonAsync("api/v1/flows/cli.invalid");
        Assert.Empty(flows.AsArray());
    }

    [Fact]
    public async Task List_get_and_delete_work_on_the_server()
    {
        await cli.Server.CreateFlowAsync(Flow("cli.crud", "listed"));

        var list = await cli.RunAsync("flow", "list", "--namespace", "cli.crud", "-o", "json");
        var table = await cli.RunAsync("flow", "list", "--namespace", "cli.crud");
        var get = await cli.RunAsync("flow", "get", "cli.crud", "listed");
        var delete = await cli.RunAsync("flow", "delete", "cli.crud", "listed");
        var missing = await cli.RunAsync("flow", "get", "cli.crud", "listed");

        Assert.Equal("listed", (string?)JsonNode.Parse(list.Output)!.AsArray().Single()!["id"]);
        Assert.Contains("NAMESPACE", table.Output);
        Assert.Contains("type: io.kestra.plugin.core.log.Log", get.Output);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Not Found", missing.Error);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in new[] { "flow validate", "flow deploy", "flow list", "execution run", "execution get", "tokens revoke", "server local" })
        {
            var result = await cli.RunAsync([.. command.Split(' '), "--help"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("Usage:", result.Output);
        }
    }

    [Fact]
    public async Task An_unreachable_server_is_one_clear_line_and_exit_1()
    {
        var result = await Testing.CliProcess.RunAsync(["flow", "list", "--server", "http://127.0.0.1:1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:1", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
