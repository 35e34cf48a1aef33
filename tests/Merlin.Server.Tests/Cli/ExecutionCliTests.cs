using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Cli;

/// <summary><c>merlin execution ...</c> run as a process against a real server: the exit code follows the final state.</summary>
public sealed class ExecutionCliTests(CliFixture cli) : IClassFixture<CliFixture>
{
    [Fact]
    public async Task Run_with_an_input_and_a_file_waits_and_exits_0()
    {
        await cli.Server.CreateFlowAsync("""
            id: greet
            namespace: cli.run
            inputs:
              - id: name
                type: STRING
              - id: doc
                type: FILE
            tasks:
              - id: say
                type: io.kestra.plugin.core.log.Log
                message: "hello {{ inputs.name }}: {{ read(inputs.doc) }}"
            """);
        var file = Path.Combine(cli.Folder(), "doc.txt");
        await File.WriteAllTextAsync(file, "from a file");

        var result = await cli.RunAsync("execution", "run", "cli.run", "greet", "--input", "name=ci", "--file", $"doc={file}", "--wait", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var execution = JsonNode.Parse(result.Output)!;
        Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
        Assert.Equal("ci", (string?)execution["inputs"]!["name"]);
        Assert.Equal("hello ci: from a file", await cli.Server.LogsAsync((string)execution["id"]!));
    }

    [Fact]
    public async Task Run_of_a_failing_flow_exits_1_and_follow_streams_its_logs()
    {
        await cli.Server.CreateFlowAsync("""
            id: broken
            namespace: cli.run
            tasks:
              - id: before
                type: io.kestra.plugin.core.log.Log
                message: about to fail
              - id: fail
                type: io.kestra.plugin.core.execution.Fail
                errorMessage: boom
            """);

        var result = await cli.RunAsync("execution", "run", "cli.run", "broken", "--follow");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("about to fail", result.Error);
        Assert.Contains("boom", result.Error);
        Assert.Contains("FAILED", result.Error);
    }

    [Fact]
    public async Task Run_without_wait_prints_the_id_and_get_kill_restart_act_on_it()
    {
        await cli.Server.CreateFlowAsync("""
            id: slow
            namespace: cli.run
            tasks:
              - id: nap
                type: io.kestra.plugin.core.flow.Sleep
                duration: PT60S
            """);

        var run = await cli.RunAsync("execution", "run", "cli.run", "slow");
        var id = run.Output.Trim();
        await cli.Server.WaitForStateAsync(id, "RUNNING");
        var get = await cli.RunAsync("execution", "get", id);
        var kill = await cli.RunAsync("execution", "kill", id);
        var killed = await cli.Server.WaitEndAsync(id);
        var restart = await cli.RunAsync("execution", "restart", id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nap", get.Output);
        Assert.True(kill.ExitCode == 0, kill.ToString());
        Assert.Equal("KILLED", (string?)killed["state"]!["current"]);
        Assert.Equal(1, restart.ExitCode); // a killed execution has no failed task run: Kestra's 422 body is shown
        Assert.Contains("No task found to restart", restart.Error);
    }

    [Fact]
    public async Task A_bad_input_is_refused_with_the_servers_message()
    {
        await cli.Server.CreateFlowAsync("""
            id: typed
            namespace: cli.run
            inputs:
              - id: count
                type: INT
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.count }}"
            """);

        var result = await cli.RunAsync("execution", "run", "cli.run", "typed", "--input", "count=many", "--wait");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("count", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
