using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Cluster;

/// <summary><c>merlin server standalone|webserver|executor|worker|scheduler</c> as an operator runs them.</summary>
public sealed class ClusterCommandTests
{
    [Theory]
    [InlineData("webserver")]
    [InlineData("executor")]
    [InlineData("worker")]
    [InlineData("scheduler")]
    public async Task A_component_alone_on_sqlite_is_one_clear_line_and_exit_1(string component)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "merlin-cli-alone-" + Guid.NewGuid().ToString("N"));

        var result = await CliProcess.RunAsync(["server", component, "--port", "0", "--data-dir", dataDir]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single((result.Output + result.Error).Trim().Split('\n'));
        Assert.StartsWith($"merlin: cannot start: server {component} ", line);
        Assert.Contains("PostgreSQL", line);
        Assert.Contains("Merlin__Storage__Type=postgres", line);
        Assert.False(Directory.Exists(dataDir), "a refused start created the data directory");
    }

    [Fact]
    public async Task A_component_alone_on_postgres_without_an_encryption_key_is_one_clear_line_and_exit_1()
    {
        var result = await CliProcess.RunAsync(
            ["server", "worker", "--port", "0", "--data-dir", Path.Combine(Path.GetTempPath(), "merlin-cli-nokey-" + Guid.NewGuid().ToString("N"))],
            new Dictionary<string, string>
            {
                ["Merlin__Storage__Type"] = "postgres",
                ["Merlin__Storage__Postgres__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=unused",
            });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single((result.Output + result.Error).Trim().Split('\n'));
        Assert.StartsWith("merlin: cannot start: server worker ", line);
        Assert.Contains("Merlin__Security__EncryptionKey", line);
    }

    [Fact]
    public async Task A_web_server_on_a_taken_port_is_one_clear_line_and_leaves_no_instance_behind()
    {
        await using var cluster = await ClusterProcesses.CreateAsync();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await CliProcess.RunAsync(["server", "webserver", "--host", "127.0.0.1", "--port", port, "--data-dir", Path.Combine(Path.GetTempPath(), "merlin-cli-taken-" + Guid.NewGuid().ToString("N"))], cluster.Environment.ToDictionary());

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single((result.Output + result.Error).Trim().Split('\n'));
        Assert.Contains("address already in use", line);
        Assert.Empty(await cluster.InstancesAsync()); // removed at once, not reaped a timeout later
    }

    [Theory]
    [InlineData("standalone")]
    [InlineData("webserver")]
    [InlineData("executor")]
    [InlineData("worker")]
    [InlineData("scheduler")]
    public async Task Every_server_command_has_help_with_the_common_options(string command)
    {
        var result = await CliProcess.RunAsync(["server", command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Output);
        Assert.Contains("--port", result.Output);
        Assert.Contains("--host", result.Output);
        Assert.Contains("--data-dir", result.Output);
    }

    [Fact]
    public async Task Standalone_on_postgres_runs_a_flow_through_the_api()
    {
        await using var cluster = await ClusterProcesses.CreateAsync();
        var server = await cluster.StartAsync("standalone");
        const string flow = "id: hello\nnamespace: tests.cluster\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hello from standalone\n";

        var created = await server.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"));
        var run = await server.Client.PostAsync("api/v1/executions/tests.cluster/hello?wait=true", new MultipartFormDataContent());

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var execution = JsonNode.Parse(await run.Content.ReadAsStringAsync())!;
        Assert.True((string?)execution["state"]?["current"] == "SUCCESS", execution.ToJsonString() + "\n" + server.Output);
        Assert.Equal("executor,scheduler,webserver,worker", string.Join(',', (await cluster.ComponentsAsync())[server.InstanceId].Split(',').Order(StringComparer.Ordinal)));
        Assert.Contains(server.Lines, l => l.Contains("data in PostgreSQL", StringComparison.Ordinal));
    }
}
