using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Cluster;

/// <summary>
/// Local tasks (Log, Return, OutputValues, Fail, Echo) run in the process of the executor that dispatched them, without
/// the workers' queue: a cluster with no worker at all runs them; any other task waits in the queue for a worker. And a
/// one-Log execution created on a web server reaches the executor with the notification of its start.
/// </summary>
public sealed class LocalTaskTests
{
    private const string Local = """
        id: local
        namespace: tests.local
        tasks:
          - id: hello
            type: io.kestra.plugin.core.log.Log
            message: hello
          - id: value
            type: io.kestra.plugin.core.debug.Return
            format: "{{ 6 * 7 }}"
        """;

    private const string Mixed = """
        id: mixed
        namespace: tests.local
        tasks:
          - id: before
            type: io.kestra.plugin.core.log.Log
            message: before
          - id: nap
            type: io.kestra.plugin.core.flow.Sleep
            duration: PT0.1S
          - id: after
            type: io.kestra.plugin.core.log.Log
            message: after
        """;

    [Fact]
    public async Task A_new_execution_reaches_the_executor_with_its_notification_without_a_read_of_the_queue_table()
    {
        await using var cluster = await ClusterProcesses.CreateAsync();
        var web = await cluster.StartAsync("webserver");
        var executor = await cluster.StartAsync("executor", new Dictionary<string, string>
        {
            ["Logging__LogLevel__Merlin.Storage.Postgres.Messaging.PostgresExecutionQueue"] = "Debug",
            ["Merlin__Cluster__PollInterval"] = "00:10:00", // no read by the clock either
        });
        await executor.WaitForLineAsync(l => l.Contains("took executor partitions", StringComparison.Ordinal), "the executor taking the partitions");
        Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/flows", new StringContent(Local, Encoding.UTF8, "application/x-yaml"))).StatusCode);

        for (var i = 0; i < 5; i++)
        {
            var execution = JsonNode.Parse(await (await web.Client.PostAsync("api/v1/executions/tests.local/local?wait=true", null)).Content.ReadAsStringAsync())!;
            Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
        }

        Assert.DoesNotContain(executor.Lines, l => l.Contains("queued events from the table", StringComparison.Ordinal));
        await Poll.UntilAsync(async () => await cluster.ScalarAsync<long>("SELECT count(*) FROM execution_queue") == 0, "each message deleted with its execution's save");
    }

    [Fact]
    public async Task Local_tasks_run_on_the_executor_and_other_tasks_wait_for_a_worker()
    {
        await using var cluster = await ClusterProcesses.CreateAsync();
        var web = await cluster.StartAsync("webserver");
        await cluster.StartAsync("executor"); // and no worker
        foreach (var flow in new[] { Local, Mixed })
        {
            Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).StatusCode);
        }

        var local = JsonNode.Parse(await (await web.Client.PostAsync("api/v1/executions/tests.local/local?wait=true", null)).Content.ReadAsStringAsync())!;
        Assert.Equal("SUCCESS", (string?)local["state"]!["current"]);
        var value = local["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "value")!;
        Assert.Equal("42", (string?)value["outputs"]!["value"]);
        var logs = JsonNode.Parse(await web.Client.GetStringAsync($"api/v1/logs/{(string)local["id"]!}"))!.AsArray();
        Assert.Contains(logs, l => (string?)l!["message"] == "hello");

        var mixed = (string)JsonNode.Parse(await (await web.Client.PostAsync("api/v1/executions/tests.local/mixed", null)).Content.ReadAsStringAsync())!["id"]!;
        await Poll.UntilAsync(async () => await cluster.ScalarAsync<long>("SELECT count(*) FROM worker_job_queue") == 1, "the Sleep waiting in the workers' queue");
        // Progress is stored write-behind (within 50 ms): the web server sees it once checkpointed.
        await Poll.UntilAsync(
            async () => JsonNode.Parse(await web.Client.GetStringAsync($"api/v1/executions/{mixed}"))!["taskRunList"]?.AsArray()
                .Any(r => (string?)r!["taskId"] == "before" && (string?)r["state"]!["current"] == "SUCCESS") == true,
            "the Log before the Sleep done by the executor");
        var waiting = JsonNode.Parse(await web.Client.GetStringAsync($"api/v1/executions/{mixed}"))!;
        Assert.Equal("RUNNING", (string?)waiting["state"]!["current"]);
        Assert.Equal(1, await cluster.ScalarAsync<long>("SELECT count(*) FROM worker_job_queue")); // the Sleep still waits: no worker

        await cluster.StartAsync("worker");
        await Poll.UntilAsync(
            async () => (string?)JsonNode.Parse(await web.Client.GetStringAsync($"api/v1/executions/{mixed}"))!["state"]!["current"] == "SUCCESS",
            "the worker running the Sleep, the executor the Log after it");
        Assert.Equal(0, await cluster.ScalarAsync<long>("SELECT count(*) FROM worker_job_queue"));
    }
}
