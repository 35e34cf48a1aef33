using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>Kill, pause/resume, restart, subflows, concurrency and follow through the HTTP API.</summary>
[Collection(ServerCollection.Name)]
public sealed class LifecycleApiTests(MerlinServer server)
{
    [Fact]
    public async Task Kill_stops_a_running_execution()
    {
        await server.CreateFlowAsync("id: long_sleep\nnamespace: tests.life\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT60S\n  - id: never\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var started = await server.ExecuteAsync("tests.life", "long_sleep", query: "");
        var id = (string)started["id"]!;
        await server.WaitForStateAsync(id, "RUNNING");

        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.DeleteAsync($"api/v1/executions/{id}/kill")).StatusCode);
        var end = await server.WaitForStateAsync(id, "KILLED");
        Assert.Equal("KILLED", (string?)end["taskRunList"]![0]!["state"]!["current"]);
        Assert.Single(end["taskRunList"]!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.DeleteAsync($"api/v1/executions/{id}/kill")).StatusCode);
    }

    [Fact]
    public async Task Pause_then_resume_through_the_api()
    {
        await server.CreateFlowAsync("id: approval\nnamespace: tests.life\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: resumed\n");
        var paused = await server.ExecuteAsync("tests.life", "approval");
        Assert.Equal("PAUSED", (string?)paused["state"]!["current"]);
        var id = (string)paused["id"]!;

        using var form = new MultipartFormDataContent { { new StringContent("yes"), "approved" } };
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.PostAsync($"api/v1/executions/{id}/resume", form)).StatusCode);
        var end = await server.WaitForStateAsync(id, "SUCCESS");
        Assert.Equal("yes", (string?)end["taskRunList"]![0]!["outputs"]!["onResume"]!["approved"]);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsync($"api/v1/executions/{id}/resume", null)).StatusCode);
    }

    [Fact]
    public async Task Restart_reruns_the_failed_task_of_a_failed_execution()
    {
        await server.CreateFlowAsync("id: flaky\nnamespace: tests.life\ninputs:\n  - id: fail\n    type: BOOLEAN\n    defaults: true\ntasks:\n  - id: ok\n    type: io.kestra.plugin.core.log.Log\n    message: first\n  - id: check\n    type: io.kestra.plugin.core.execution.Fail\n    condition: \"{{ execution.originalId == 'never' }}\"\n  - id: boom\n    type: io.kestra.plugin.core.execution.Fail\n    condition: \"{{ taskrun.attemptsCount == 0 }}\"\n  - id: last\n    type: io.kestra.plugin.core.log.Log\n    message: done\nerrors:\n  - id: on_error\n    type: io.kestra.plugin.core.log.Log\n    message: failed\n");
        var failed = await server.ExecuteAsync("tests.life", "flaky");
        Assert.Equal("FAILED", (string?)failed["state"]!["current"]);
        var id = (string)failed["id"]!;

        var restarted = JsonNode.Parse(await (await server.Client.PostAsync($"api/v1/executions/{id}/restart", null)).Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int?)restarted["metadata"]!["attemptNumber"]);
        Assert.Equal("RESTARTED", (string?)restarted["state"]!["current"]);
        var end = await server.WaitForStateAsync(id, "SUCCESS");
        var runs = end["taskRunList"]!.AsArray();
        Assert.Equal(["ok", "check", "boom", "last"], runs.Select(r => (string)r!["taskId"]!));
        Assert.Equal(2, runs[2]!["attempts"]!.AsArray().Count);

        var again = await server.Client.PostAsync($"api/v1/executions/{id}/restart", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("No task found to restart", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Subflow_runs_a_child_execution_and_returns_its_outputs()
    {
        await server.CreateFlowAsync("id: child\nnamespace: tests.life\ninputs:\n  - id: name\n    type: STRING\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.debug.Return\n    format: \"hello {{ inputs.name }} from {{ trigger.flowId }}\"\noutputs:\n  - id: greeting\n    type: STRING\n    value: \"{{ outputs.hello.value }}\"\n");
        await server.CreateFlowAsync("id: parent\nnamespace: tests.life\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: tests.life\n    flowId: child\n    inputs:\n      name: Ada\n  - id: echo\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ outputs.call.outputs.greeting }}\"\n");

        var parent = await server.ExecuteAsync("tests.life", "parent");
        Assert.Equal("SUCCESS", (string?)parent["state"]!["current"]);
        Assert.Equal("hello Ada from parent", (string?)parent["taskRunList"]![1]!["outputs"]!["value"]);
        var childId = (string)parent["taskRunList"]![0]!["outputs"]!["executionId"]!;
        var child = await server.GetJsonAsync($"api/v1/executions/{childId}");
        Assert.Equal((string?)parent["id"], (string?)child["parentId"]);
        Assert.Equal((string?)parent["id"], (string?)child["trigger"]!["variables"]!["executionId"]);
        var correlation = child["labels"]!.AsArray().Single(l => (string?)l!["key"] == "system.correlationId");
        Assert.Equal((string?)parent["id"], (string?)correlation!["value"]);
    }

    [Fact]
    public async Task Concurrency_limit_queues_then_runs_in_order()
    {
        await server.CreateFlowAsync("id: one_at_a_time\nnamespace: tests.life\nconcurrency:\n  limit: 1\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT2S\n");
        var first = (string)(await server.ExecuteAsync("tests.life", "one_at_a_time", query: ""))["id"]!;
        await server.WaitForStateAsync(first, "RUNNING");
        var second = (string)(await server.ExecuteAsync("tests.life", "one_at_a_time", query: ""))["id"]!;
        await server.WaitForStateAsync(second, "QUEUED");

        await server.WaitForStateAsync(first, "SUCCESS");
        var end = await server.WaitForStateAsync(second, "SUCCESS");
        Assert.Contains("QUEUED", end["state"]!["histories"]!.AsArray().Select(h => (string?)h!["state"]));
    }

    [Fact]
    public async Task Concurrency_limit_with_cancel_cancels_the_extra_execution()
    {
        await server.CreateFlowAsync("id: cancel_extra\nnamespace: tests.life\nconcurrency:\n  limit: 1\n  behavior: CANCEL\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT5S\n");
        var first = (string)(await server.ExecuteAsync("tests.life", "cancel_extra", query: ""))["id"]!;
        await server.WaitForStateAsync(first, "RUNNING");
        var second = await server.ExecuteAsync("tests.life", "cancel_extra");
        Assert.Equal("CANCELLED", (string?)second["state"]!["current"]);
    }

    [Fact]
    public async Task Follow_streams_every_state_until_the_end()
    {
        await server.CreateFlowAsync("id: followed\nnamespace: tests.life\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT0.2S\n");
        var id = (string)(await server.ExecuteAsync("tests.life", "followed", query: ""))["id"]!;
        using var stream = await server.Client.GetStreamAsync($"api/v1/executions/{id}/follow");
        using var reader = new StreamReader(stream);
        var states = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                states.Add((string)JsonNode.Parse(line[6..])!["state"]!["current"]!);
            }
        }

        Assert.Equal("SUCCESS", states[^1]);
        Assert.True(states.Count >= 2);
    }

    [Fact]
    public async Task Logs_filter_by_level_and_download_as_text()
    {
        await server.CreateFlowAsync("id: levels\nnamespace: tests.life\ntasks:\n  - id: info\n    type: io.kestra.plugin.core.log.Log\n    message: an info\n  - id: warn\n    type: io.kestra.plugin.core.log.Log\n    level: WARN\n    message: a warning\n");
        var id = (string)(await server.ExecuteAsync("tests.life", "levels"))["id"]!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonArray all;
        do
        {
            all = (await server.GetJsonAsync($"api/v1/logs/{id}")).AsArray();
        }
        while (all.Count < 2 && DateTime.UtcNow < deadline);

        var warnings = (await server.GetJsonAsync($"api/v1/logs/{id}?minLevel=WARN")).AsArray();
        Assert.Equal("a warning", (string?)Assert.Single(warnings)!["message"]);
        var text = await server.Client.GetStringAsync($"api/v1/logs/{id}/download");
        Assert.Contains("an info", text);
        Assert.Contains("a warning", text);
    }

    [Fact]
    public async Task Delete_removes_a_terminated_execution()
    {
        await server.CreateFlowAsync("id: deletable\nnamespace: tests.life\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var id = (string)(await server.ExecuteAsync("tests.life", "deletable"))["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"api/v1/executions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"api/v1/executions/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_wait_answer_is_the_stored_execution_with_secret_inputs_masked()
    {
        await server.CreateFlowAsync("id: waited\nnamespace: tests.life\ninputs:\n  - id: token\n    type: SECRET\n    required: false\n  - id: name\n    type: STRING\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ inputs.name }}\"\n");
        foreach (var inputs in new[] { new Dictionary<string, string> { ["name"] = "plain" }, new Dictionary<string, string> { ["name"] = "masked", ["token"] = "s3cr3t-value" } })
        {
            var answer = (JsonObject)await server.ExecuteAsync("tests.life", "waited", inputs);
            Assert.True(answer.Remove("url")); // the answer links the UI; the stored execution does not

            var stored = await server.GetJsonAsync($"api/v1/executions/{answer["id"]}");

            Assert.Equal("SUCCESS", (string?)answer["state"]!["current"]);
            Assert.True(JsonNode.DeepEquals(stored, answer), $"answer {answer.ToJsonString()}\nstored {stored.ToJsonString()}");
            Assert.DoesNotContain("s3cr3t-value", answer.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Execution_ids_made_by_the_api_sort_in_creation_order()
    {
        await server.CreateFlowAsync("id: ordered\nnamespace: tests.life\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((string)(await server.ExecuteAsync("tests.life", "ordered", query: ""))["id"]!);
            await Task.Delay(2); // ids are ordered to the millisecond
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Matches("^[0-9A-Za-z]{21,22}$", id));
    }
}
