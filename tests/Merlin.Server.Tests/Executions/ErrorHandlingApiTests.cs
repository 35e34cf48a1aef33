using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>Timeouts, retries, allowFailure, runIf, pluginDefaults and templating failures, end to end.</summary>
[Collection(ServerCollection.Name)]
public sealed class ErrorHandlingApiTests(MerlinServer server)
{
    [Fact]
    public async Task A_timeout_fails_the_attempt_and_logs_it()
    {
        await server.CreateFlowAsync("id: too_slow\nnamespace: tests.errors\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT10S\n    timeout: PT0.2S\n");
        var end = await server.ExecuteAsync("tests.errors", "too_slow");
        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        Assert.Contains("Timeout after 0:00:00.200", await server.LogsAsync((string)end["id"]!));
    }

    [Fact]
    public async Task Retry_runs_the_task_again_until_it_succeeds()
    {
        await server.CreateFlowAsync("id: retried\nnamespace: tests.errors\ntasks:\n  - id: flaky\n    type: io.kestra.plugin.core.execution.Fail\n    condition: \"{{ taskrun.attemptsCount < 2 }}\"\n    retry:\n      type: constant\n      interval: PT0.05S\n      maxAttempt: 5\n");
        var end = await server.ExecuteAsync("tests.errors", "retried");
        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var run = end["taskRunList"]![0]!;
        Assert.Equal(3, run["attempts"]!.AsArray().Count);
        Assert.Contains("RETRYING", run["state"]!["histories"]!.AsArray().Select(h => (string?)h!["state"]));
    }

    [Fact]
    public async Task AllowFailure_and_runIf_shape_the_final_state()
    {
        await server.CreateFlowAsync("id: tolerant\nnamespace: tests.errors\ntasks:\n  - id: bad\n    type: io.kestra.plugin.core.execution.Fail\n    allowFailure: true\n  - id: skipped\n    type: io.kestra.plugin.core.log.Log\n    runIf: \"{{ false }}\"\n    message: never\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: still running\n");
        var end = await server.ExecuteAsync("tests.errors", "tolerant");
        Assert.Equal("WARNING", (string?)end["state"]!["current"]);
        var states = end["taskRunList"]!.AsArray().ToDictionary(r => (string)r!["taskId"]!, r => (string)r!["state"]!["current"]!);
        Assert.Equal("WARNING", states["bad"]);
        Assert.Equal("SKIPPED", states["skipped"]);
        Assert.Equal("SUCCESS", states["after"]);
    }

    [Fact]
    public async Task Plugin_defaults_fill_properties_and_the_flow_wins_unless_forced()
    {
        await server.CreateFlowAsync("id: defaults\nnamespace: tests.errors\npluginDefaults:\n  - type: io.kestra.plugin.core.debug.Return\n    values:\n      format: from defaults\n  - type: io.kestra.plugin.core.log\n    forced: true\n    values:\n      level: ERROR\ntasks:\n  - id: filled\n    type: io.kestra.plugin.core.debug.Return\n  - id: own\n    type: io.kestra.core.tasks.debugs.Return\n    format: mine\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    level: INFO\n    message: forced to error\n");
        var end = await server.ExecuteAsync("tests.errors", "defaults");
        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal("from defaults", (string?)end["taskRunList"]![0]!["outputs"]!["value"]);
        Assert.Equal("mine", (string?)end["taskRunList"]![1]!["outputs"]!["value"]);
        var errors = await server.GetJsonAsync($"api/v1/logs/{end["id"]}?minLevel=ERROR");
        Assert.Contains(errors.AsArray(), l => (string?)l!["message"] == "forced to error");
    }

    [Fact]
    public async Task An_undefined_variable_fails_the_task_with_the_expression_in_the_log()
    {
        await server.CreateFlowAsync("id: undefined_var\nnamespace: tests.errors\ntasks:\n  - id: oops\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ inputs.nope }}\"\n");
        var end = await server.ExecuteAsync("tests.errors", "undefined_var");
        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        Assert.Contains("{{ inputs.nope }}", await server.LogsAsync((string)end["id"]!));
    }

    [Fact]
    public async Task Parallel_foreach_and_switch_run_through_the_api()
    {
        await server.CreateFlowAsync("id: shapes\nnamespace: tests.errors\ninputs:\n  - id: kind\n    type: SELECT\n    values: [a, b]\n    defaults: b\ntasks:\n  - id: fan\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: left\n        type: io.kestra.plugin.core.debug.Return\n        format: L\n      - id: right\n        type: io.kestra.plugin.core.debug.Return\n        format: R\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [1, 2, 3]\n    concurrencyLimit: 0\n    tasks:\n      - id: square\n        type: io.kestra.plugin.core.debug.Return\n        format: \"{{ (taskrun.value | number) * (taskrun.value | number) }}\"\n  - id: pick\n    type: io.kestra.plugin.core.flow.Switch\n    value: \"{{ inputs.kind }}\"\n    cases:\n      b:\n        - id: chosen\n          type: io.kestra.plugin.core.debug.Return\n          format: \"{{ outputs.square['3'].value }}\"\n");
        var end = await server.ExecuteAsync("tests.errors", "shapes");
        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var chosen = end["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "chosen");
        Assert.Equal("9", (string?)chosen!["outputs"]!["value"]);
        Assert.Equal(1 + 2 + 1 + 3 + 1 + 1, end["taskRunList"]!.AsArray().Count);
    }

    [Fact]
    public async Task Secret_inputs_and_secret_function_values_are_masked_in_logs()
    {
        Environment.SetEnvironmentVariable("SECRET_API_KEY", Convert.ToBase64String("sk-live-1234567890"u8.ToArray()));
        await server.CreateFlowAsync("id: secrets\nnamespace: tests.errors\ninputs:\n  - id: password\n    type: SECRET\ntasks:\n  - id: leak\n    type: io.kestra.plugin.core.log.Log\n    message: \"pw={{ inputs.password }} key={{ secret('api_key') }}\"\n");
        var end = await server.ExecuteAsync("tests.errors", "secrets", new Dictionary<string, string> { ["password"] = "hunter2hunter2" });
        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var logs = await server.LogsAsync((string)end["id"]!);
        Assert.Equal("pw=**masked*" + new string('*', 14 - 9) + " key=**masked*" + new string('*', 18 - 9), logs);
    }
}
