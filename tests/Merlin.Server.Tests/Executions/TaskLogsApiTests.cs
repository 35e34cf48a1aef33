using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>A task's logLevel and logToFile, and errorLogs() seeing the failed task's lines.</summary>
[Collection(ServerCollection.Name)]
public sealed class TaskLogsApiTests(MerlinServer server)
{
    [Fact]
    public async Task LogLevel_drops_the_lines_below_it()
    {
        await server.CreateFlowAsync("id: levels\nnamespace: tests.logs\ntasks:\n  - id: quiet\n    type: io.kestra.plugin.core.log.Log\n    message: hidden\n    level: DEBUG\n    logLevel: INFO\n  - id: loud\n    type: io.kestra.plugin.core.log.Log\n    message: shown\n    level: WARN\n    logLevel: INFO\n");
        var end = await server.ExecuteAsync("tests.logs", "levels");
        var logs = await server.LogsAsync((string)end["id"]!);
        Assert.Contains("shown", logs);
        Assert.DoesNotContain("hidden", logs);
    }

    [Fact]
    public async Task LogToFile_writes_the_attempts_lines_to_its_log_file_instead_of_the_log_store()
    {
        await server.CreateFlowAsync("id: tofile\nnamespace: tests.logs\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: Hello World!\n    logToFile: true\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: in the store\n");
        var end = await server.ExecuteAsync("tests.logs", "tofile");
        var logFile = (string?)end["taskRunList"]![0]!["attempts"]![0]!["logFile"];
        Assert.StartsWith("kestra:///tests/logs/tofile/executions/", logFile);

        var file = await server.Client.GetStringAsync($"api/v1/executions/{end["id"]}/file?path={Uri.EscapeDataString(logFile!)}");
        Assert.Contains("INFO", file);
        Assert.EndsWith("Hello World!\n", file);
        var logs = await server.LogsAsync((string)end["id"]!);
        Assert.Contains("in the store", logs);
        Assert.DoesNotContain("Hello World!", logs);
    }

    [Fact]
    public async Task ErrorLogs_in_an_errors_branch_always_sees_the_failed_tasks_error_line()
    {
        await server.CreateFlowAsync("id: errlogs\nnamespace: tests.logs\ntasks:\n  - id: boom\n    type: io.kestra.plugin.core.execution.Fail\n    errorMessage: broken on purpose\nerrors:\n  - id: report\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ errorLogs()[0].message }}\"\n");
        for (var i = 0; i < 20; i++)
        {
            var end = await server.ExecuteAsync("tests.logs", "errlogs");
            var report = end["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "report")!;
            Assert.Equal("broken on purpose", (string?)report["outputs"]!["value"]);
        }
    }
}
