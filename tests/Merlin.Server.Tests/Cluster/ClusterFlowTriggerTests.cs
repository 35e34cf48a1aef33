using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Cluster;

/// <summary>
/// Flow triggers with the scheduler in a process of its own: it hears the ends of executions run elsewhere (but not
/// their creation and progress, which its triggers do not evaluate), and a Flow trigger saved while it runs fires on the
/// next end of its flow.
/// </summary>
public sealed class ClusterFlowTriggerTests
{
    private const string Upstream = """
        id: upstream
        namespace: tests.flowtrigger
        tasks:
          - id: hello
            type: io.kestra.plugin.core.log.Log
            message: upstream
        """;

    private const string Downstream = """
        id: downstream
        namespace: tests.flowtrigger
        tasks:
          - id: hello
            type: io.kestra.plugin.core.log.Log
            message: "after {{ trigger.executionId }}"
        triggers:
          - id: after_upstream
            type: io.kestra.plugin.core.trigger.Flow
            conditions:
              - type: io.kestra.plugin.core.condition.ExecutionFlow
                namespace: tests.flowtrigger
                flowId: upstream
        """;

    [Fact]
    public async Task A_flow_trigger_fires_once_on_the_end_of_an_execution_run_by_another_process()
    {
        await using var cluster = await ClusterProcesses.CreateAsync();
        var web = await cluster.StartAsync("webserver");
        await cluster.StartAsync("executor");
        var scheduler = await cluster.StartAsync("scheduler");
        await scheduler.WaitForLineAsync(l => l.Contains("holds the scheduler role", StringComparison.Ordinal), "the scheduler taking its role", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/flows", new StringContent(Upstream, Encoding.UTF8, "application/x-yaml"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/flows", new StringContent(Downstream, Encoding.UTF8, "application/x-yaml"))).StatusCode);

        // At once: the scheduler hears of the new trigger (a notice, then a read of the flow) while the upstream runs.
        var upstream = JsonNode.Parse(await (await web.Client.PostAsync("api/v1/executions/tests.flowtrigger/upstream?wait=true", null)).Content.ReadAsStringAsync())!;
        Assert.Equal("SUCCESS", (string?)upstream["state"]!["current"]);

        await Poll.UntilAsync(
            async () => await cluster.ScalarAsync<long>("SELECT count(*) FROM executions WHERE flow_id = 'downstream' AND state = 'SUCCESS'") > 0,
            () => $"the Flow trigger firing for the upstream's end; the scheduler said:\n{string.Join('\n', scheduler.Lines)}",
            TimeSpan.FromSeconds(30));

        await Task.Delay(500); // a second firing would come within this
        Assert.Equal(1, await cluster.ScalarAsync<long>("SELECT count(*) FROM executions WHERE flow_id = 'downstream'"));
        var json = await cluster.ScalarAsync<string>("SELECT json FROM executions WHERE flow_id = 'downstream'");
        Assert.Equal((string?)upstream["id"], (string?)JsonNode.Parse(json)!["trigger"]!["variables"]!["executionId"]);
    }
}
