using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Triggers;

/// <summary>Schedule and Flow triggers, and the triggers API, through HTTP on a real server.</summary>
public sealed class ScheduleAndFlowTriggerTests(TriggerServer server) : IClassFixture<TriggerServer>
{
    [Fact]
    public async Task Every_second_schedule_fires_in_real_time()
    {
        await server.CreateFlowAsync("""
            id: ticker
            namespace: schedules
            labels:
              team: core
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "tick {{ trigger.date }} {{ schedule.date }}"
            triggers:
              - id: every-second
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "*/1 * * * * *"
                withSeconds: true
                timezone: Europe/Paris
                labels:
                  fired-by: "{{ flow.id }}"
            """);

        var fired = await server.SearchUntilAsync("namespace=schedules&flowId=ticker", r => r.Count >= 2);
        await server.Client.DeleteAsync("api/v1/flows/schedules/ticker");

        Assert.True(fired.Count >= 2, $"expected at least 2 scheduled executions, got {fired.Count}");
        var first = fired[0]!;
        Assert.Equal("every-second", (string?)first["trigger"]!["id"]);
        var date = (string)first["trigger"]!["variables"]!["date"]!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", date);
        Assert.NotNull(first["trigger"]!["variables"]!["next"]);
        var labels = first["labels"]!.AsArray().ToDictionary(l => (string)l!["key"]!, l => (string?)l!["value"]);
        Assert.Equal("core", labels["team"]);
        Assert.Equal("ticker", labels["fired-by"]);
        Assert.DoesNotContain("system.correlationId", labels.Keys);
        var distinctDates = fired.Select(e => (string?)e!["trigger"]!["variables"]!["date"]).Distinct().Count();
        Assert.Equal(fired.Count, distinctDates); // never twice for the same date
    }

    [Fact]
    public async Task Flow_triggers_chain_three_flows()
    {
        await server.CreateFlowAsync("""
            id: chain-c
            namespace: chain
            inputs:
              - id: fromB
                type: STRING
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "C got {{ inputs.fromB }} from {{ trigger.flowId }}"
            triggers:
              - id: after-b
                type: io.kestra.plugin.core.trigger.Flow
                inputs:
                  fromB: "{{ trigger.outputs.value }}"
                conditions:
                  - type: io.kestra.plugin.core.condition.ExecutionFlow
                    namespace: chain
                    flowId: chain-b
                  - type: io.kestra.plugin.core.condition.ExecutionStatus
                    in: [SUCCESS]
            """);
        await server.CreateFlowAsync("""
            id: chain-b
            namespace: chain
            tasks:
              - id: ret
                type: io.kestra.plugin.core.debug.Return
                format: "b-saw-{{ trigger.state }}"
            outputs:
              - id: value
                type: STRING
                value: "{{ outputs.ret.value }}"
            triggers:
              - id: after-a
                type: io.kestra.plugin.core.trigger.Flow
                states: [SUCCESS]
                preconditions:
                  id: a
                  flows:
                    - namespace: chain
                      flowId: chain-a
            """);
        await server.CreateFlowAsync("id: chain-a\nnamespace: chain\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: A");

        var response = await server.Client.PostAsync("api/v1/executions/chain/chain-a?wait=true", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var a = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var cs = await server.SearchUntilAsync("namespace=chain&flowId=chain-c", r => r.Any(e => (string?)e!["state"]!["current"] == "SUCCESS"));
        var c = Assert.Single(cs)!;
        Assert.Equal("b-saw-SUCCESS", (string?)c["inputs"]!["fromB"]);
        Assert.Equal("chain-b", (string?)c["trigger"]!["variables"]!["flowId"]);
        var bs = await server.SearchUntilAsync("namespace=chain&flowId=chain-b", r => r.Count >= 1);
        var b = Assert.Single(bs)!;
        Assert.Equal((string?)a["id"], (string?)b["trigger"]!["variables"]!["executionId"]);
        Assert.Equal("SUCCESS", (string?)b["trigger"]!["variables"]!["state"]);
        Assert.Contains("C got b-saw-SUCCESS from chain-b", await server.LogsAsync((string)c["id"]!));
    }

    [Fact]
    public async Task A_flow_trigger_saved_after_executions_ended_while_no_flow_had_one_fires()
    {
        await using var fresh = new MerlinServer(); // no flow of another test: none has a Flow trigger yet
        await fresh.InitializeAsync();
        await fresh.CreateFlowAsync("id: up\nnamespace: late\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: up");
        Assert.Equal("SUCCESS", (string?)(await fresh.ExecuteAsync("late", "up"))["state"]!["current"]);
        await Task.Delay(200); // the listener has seen that end, and that no flow listens

        await fresh.CreateFlowAsync("""
            id: down
            namespace: late
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "after {{ trigger.executionId }}"
            triggers:
              - id: after-up
                type: io.kestra.plugin.core.trigger.Flow
                conditions:
                  - type: io.kestra.plugin.core.condition.ExecutionFlow
                    namespace: late
                    flowId: up
            """);
        var second = await fresh.ExecuteAsync("late", "up");

        var downs = await fresh.SearchUntilAsync("namespace=late&flowId=down", r => r.Any(e => (string?)e!["state"]!["current"] == "SUCCESS"));
        Assert.Equal((string?)second["id"], (string?)Assert.Single(downs)!["trigger"]!["variables"]!["executionId"]);
    }

    [Fact]
    public async Task Triggers_api_lists_disables_and_unlocks()
    {
        await server.CreateFlowAsync("""
            id: nightly
            namespace: api.triggers
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: x
            triggers:
              - id: nightly
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "@daily"
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: k
            """);

        var page = await server.GetJsonAsync("api/v1/triggers/search?namespace=api.triggers");
        Assert.Equal(2, (int?)page["total"]);
        var nightly = page["results"]!.AsArray().Single(r => (string?)r!["abstractTrigger"]!["id"] == "nightly")!;
        Assert.Equal("io.kestra.plugin.core.trigger.Schedule", (string?)nightly["abstractTrigger"]!["type"]);

        var disable = await server.Client.PutAsJsonAsync("api/v1/triggers", new { @namespace = "api.triggers", flowId = "nightly", triggerId = "hook", disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.True((bool?)JsonNode.Parse(await disable.Content.ReadAsStringAsync())!["disabled"]);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsync("api/v1/executions/webhook/api.triggers/nightly/k", null)).StatusCode);

        var enable = await server.Client.PostAsJsonAsync("api/v1/triggers/set-disabled/by-triggers",
            new { triggers = new[] { new { @namespace = "api.triggers", flowId = "nightly", triggerId = "hook" } }, disabled = false });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("api/v1/executions/webhook/api.triggers/nightly/k", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsync("api/v1/triggers/api.triggers/nightly/nightly/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsync("api/v1/triggers/api.triggers/nightly/nope/unlock", null)).StatusCode);
    }
}
