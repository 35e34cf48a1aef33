using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>Replay, labels, change-status, pause and restart refusals through the HTTP API, with Kestra's statuses.</summary>
[Collection(ServerCollection.Name)]
public sealed class ExecutionActionApiTests(MerlinServer server)
{
    private const string Steps = "namespace: tests.actions\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: a\n  - id: b\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ taskrun.attemptsCount }}\"\n  - id: c\n    type: io.kestra.plugin.core.log.Log\n    message: c\n";

    [Theory]
    [InlineData("replay")]
    [InlineData("labels")]
    [InlineData("change-status")]
    [InlineData("pause")]
    [InlineData("restart")]
    [InlineData("resume")]
    public async Task An_action_on_an_unknown_id_is_404_unless_a_flow_of_that_name_exists(string action)
    {
        var unknown = await server.Client.PostAsync($"api/v1/executions/noexecution/{action}?status=SUCCESS", Json("[]"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Execution 'noexecution' not found", await unknown.Content.ReadAsStringAsync());

        // Kestra's own tests run flows named like actions (io.kestra.tests.pause): with no such execution, the flow runs.
        await server.CreateFlowAsync($"id: {action}\nnamespace: tests.named\ntasks:\n  - id: x\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var run = await server.Client.PostAsync($"api/v1/executions/tests.named/{action}?wait=true", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var execution = JsonNode.Parse(await run.Content.ReadAsStringAsync())!;
        Assert.Equal(action, (string?)execution["flowId"]);
        Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
    }

    [Fact]
    public async Task Replay_from_a_task_run_makes_a_new_execution_that_runs_it_again()
    {
        await server.CreateFlowAsync("id: replayed\n" + Steps);
        var first = await server.ExecuteAsync("tests.actions", "replayed");
        var b = first["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "b")!;

        var answer = await server.Client.PostAsync($"api/v1/executions/{first["id"]}/replay?taskRunId={b["id"]}", null);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var replay = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.NotEqual((string?)first["id"], (string?)replay["id"]);
        Assert.Equal((string?)first["id"], (string?)replay["parentId"]);
        Assert.Equal("RESTARTED", (string?)replay["state"]!["current"]);
        Assert.Equal(2, replay["taskRunList"]!.AsArray().Count);

        var end = await server.WaitForStateAsync((string)replay["id"]!, "SUCCESS");
        var runs = end["taskRunList"]!.AsArray();
        Assert.Equal(["a", "b", "c"], runs.Select(r => (string)r!["taskId"]!));
        Assert.Equal("1", (string?)runs[1]!["outputs"]!["value"]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await server.Client.PostAsync($"api/v1/executions/{first["id"]}/replay?taskRunId=unknown", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsync($"api/v1/executions/{first["id"]}/replay?revision=99", null)).StatusCode);
    }

    [Fact]
    public async Task Labels_merge_over_the_existing_ones_and_system_labels_are_refused()
    {
        await server.CreateFlowAsync("id: labelled\n" + Steps);
        var done = await server.ExecuteAsync("tests.actions", "labelled", query: "wait=true&labels=team:core&labels=env:dev");
        var id = (string)done["id"]!;

        var answer = await server.Client.PostAsync($"api/v1/executions/{id}/labels", Json("[{\"key\":\"env\",\"value\":\"prod\"},{\"key\":\"new\",\"value\":\"yes\"}]"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var labels = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["labels"]!.AsArray().ToDictionary(l => (string)l!["key"]!, l => (string?)l!["value"]);
        Assert.Equal("prod", labels["env"]);
        Assert.Equal("core", labels["team"]);
        Assert.Equal("yes", labels["new"]);
        Assert.Equal(id, labels["system.correlationId"]);
        Assert.Equal("prod", (string?)(await server.GetJsonAsync($"api/v1/executions/{id}"))["labels"]!.AsArray().Single(l => (string?)l!["key"] == "env")!["value"]);

        var system = await server.Client.PostAsync($"api/v1/executions/{id}/labels", Json("[{\"key\":\"system.other\",\"value\":\"x\"}]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, system.StatusCode);
        Assert.Contains("Illegal argument: System labels can only be set by Kestra itself", await system.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await server.Client.PostAsync($"api/v1/executions/{id}/labels", Json("[{\"value\":\"x\"}]"))).StatusCode);
    }

    [Fact]
    public async Task Change_status_sets_another_terminal_state_of_a_terminated_execution_only()
    {
        await server.CreateFlowAsync("id: status\n" + Steps);
        var id = (string)(await server.ExecuteAsync("tests.actions", "status"))["id"]!;

        var changed = await server.Client.PostAsync($"api/v1/executions/{id}/change-status?status=FAILED", null);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("FAILED", (string?)JsonNode.Parse(await changed.Content.ReadAsStringAsync())!["state"]!["current"]);
        Assert.Equal("FAILED", (string?)(await server.GetJsonAsync($"api/v1/executions/{id}"))["state"]!["current"]);

        var notTerminal = await server.Client.PostAsync($"api/v1/executions/{id}/change-status?status=RUNNING", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notTerminal.StatusCode);
        Assert.Contains("only change the status of an execution to a terminal state", await notTerminal.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsync($"api/v1/executions/{id}/change-status", null)).StatusCode);
    }

    [Fact]
    public async Task A_running_execution_can_be_paused_and_resumed_but_not_relabelled_restarted_or_changed()
    {
        await server.CreateFlowAsync("id: sleeper\nnamespace: tests.actions\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT2S\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: after\n");
        var id = (string)(await server.ExecuteAsync("tests.actions", "sleeper", query: ""))["id"]!;
        await server.WaitForStateAsync(id, "RUNNING");

        var labels = await server.Client.PostAsync($"api/v1/executions/{id}/labels", Json("[{\"key\":\"k\",\"value\":\"v\"}]"));
        Assert.Equal(HttpStatusCode.BadRequest, labels.StatusCode);
        Assert.Equal("The execution is not terminated", await labels.Content.ReadAsStringAsync());
        var restart = await server.Client.PostAsync($"api/v1/executions/{id}/restart", null);
        Assert.Equal(HttpStatusCode.Conflict, restart.StatusCode);
        Assert.Contains("Illegal state: Execution must be terminated to be restarted, current state is 'RUNNING' !", await restart.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await server.Client.PostAsync($"api/v1/executions/{id}/change-status?status=SUCCESS", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"api/v1/executions/{id}/pause", null)).StatusCode);
        Assert.Equal("PAUSED", (string?)(await server.GetJsonAsync($"api/v1/executions/{id}"))["state"]!["current"]);
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.PostAsync($"api/v1/executions/{id}/resume", null)).StatusCode);
        var end = await server.WaitForStateAsync(id, "SUCCESS");
        Assert.Equal(2, end["taskRunList"]!.AsArray().Count);

        var notRunning = await server.Client.PostAsync($"api/v1/executions/{id}/pause", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notRunning.StatusCode);
        Assert.Contains("Illegal argument: The execution is not running", await notRunning.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resume_checks_the_onResume_inputs_and_stores_their_files_with_the_execution()
    {
        await server.CreateFlowAsync("id: approval\nnamespace: tests.actions\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n    onResume:\n      - id: approved\n        type: BOOLEAN\n      - id: report\n        type: FILE\n        required: false\n  - id: after\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ outputs.wait.onResume.approved }} {{ read(outputs.wait.onResume.report) }}\"\n");
        var id = (string)(await server.ExecuteAsync("tests.actions", "approval"))["id"]!;

        var missing = await server.Client.PostAsync($"api/v1/executions/{id}/resume", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("approved", await missing.Content.ReadAsStringAsync());
        Assert.Equal("PAUSED", (string?)(await server.GetJsonAsync($"api/v1/executions/{id}"))["state"]!["current"]);

        using var form = new MultipartFormDataContent
        {
            { new StringContent("true"), "approved" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("all good")), "report", "report.txt" },
        };
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.PostAsync($"api/v1/executions/{id}/resume", form)).StatusCode);
        var end = await server.WaitForStateAsync(id, "SUCCESS");
        var runs = end["taskRunList"]!.AsArray();
        Assert.StartsWith($"kestra:///tests/actions/approval/executions/{id}/", (string?)runs[0]!["outputs"]!["onResume"]!["report"]);
        Assert.Equal("true all good", (string?)runs[1]!["outputs"]!["value"]);
    }

    [Fact]
    public async Task Kestra_2_tenant_routes_reach_every_action_and_resource()
    {
        await server.CreateFlowAsync("id: tenanted\n" + Steps);
        var first = await server.ExecuteAsync("tests.actions", "tenanted");
        var id = (string)first["id"]!;

        var replay = await server.Client.PostAsync($"api/v1/main/executions/{id}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(id, (string?)JsonNode.Parse(await replay.Content.ReadAsStringAsync())!["parentId"]);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"api/v1/main/executions/{id}/labels", Json("[{\"key\":\"k\",\"value\":\"v\"}]"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync($"api/v1/main/executions/{id}/change-status?status=WARNING", null)).StatusCode);
        Assert.Equal("WARNING", (string?)(await server.GetJsonAsync($"api/v1/main/executions/{id}"))["state"]!["current"]);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"api/v1/main/logs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PutAsync("api/v1/main/namespaces/tests.actions/kv/tenant", Json("1"))).StatusCode);
        Assert.Equal(1, (int)(await server.GetJsonAsync("api/v1/main/namespaces/tests.actions/kv/tenant"))["value"]!);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/v1/main/plugins/schemas/flow")).StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
