using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Cluster;

/// <summary>
/// A process running both the executor and a worker (standalone) runs the jobs of the partitions it owns without the
/// queue table; when another executor joins and partitions are handed over mid-run, those jobs are written to the table
/// as claimed by it first, so the new owner waits for their results instead of running them again.
/// </summary>
public sealed class LocalJobTests
{
    private const string Flow = """
        id: nap
        namespace: tests.local
        tasks:
          - id: wait
            type: io.kestra.plugin.core.flow.Sleep
            duration: PT8S
          - id: after
            type: io.kestra.plugin.core.log.Log
            message: done
        """;

    [Fact]
    public async Task Jobs_run_in_process_and_survive_a_handover_to_a_new_executor_once_each()
    {
        await using var cluster = await ClusterProcesses.CreateAsync();
        // Slots for every sleep whatever the machine's cores (default 8 × cores): all of them run in process.
        var standalone = await cluster.StartAsync("standalone", new Dictionary<string, string> { ["Merlin__Cluster__WorkerSlots"] = "32" });
        await standalone.WaitForLineAsync(l => l.Contains("took executor partitions", StringComparison.Ordinal), "the standalone node taking the partitions");
        Assert.Equal(HttpStatusCode.OK, (await standalone.Client.PostAsync("api/v1/flows", new StringContent(Flow, Encoding.UTF8, "application/x-yaml"))).StatusCode);

        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var created = JsonNode.Parse(await (await standalone.Client.PostAsync("api/v1/executions/tests.local/nap", null)).Content.ReadAsStringAsync())!;
            ids.Add((string)created["id"]!);
        }

        await Poll.UntilAsync(async () => (await RunningSleepsAsync(standalone, ids)) == ids.Count, "every sleep running on the standalone node");
        Assert.Equal(0, await cluster.ScalarAsync<long>("SELECT count(*) FROM worker_job_queue")); // run in process: no row

        var executor = await cluster.StartAsync("executor");
        await standalone.WaitForLineAsync(l => l.Contains("handed executor partitions", StringComparison.Ordinal), "the standalone node handing partitions over");
        Assert.True(await cluster.ScalarAsync<long>("SELECT count(*) FROM worker_job_queue") > 0, "the sleeps of the handed-over partitions are written to the queue table\n" + standalone.Output);

        await Poll.UntilAsync(async () => (await StatesAsync(standalone, ids)).All(s => s == "SUCCESS"), "every execution finished", TimeSpan.FromSeconds(60));
        foreach (var id in ids)
        {
            var execution = JsonNode.Parse(await standalone.Client.GetStringAsync($"api/v1/executions/{id}"))!;
            var wait = execution["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "wait")!;
            Assert.Single(wait["attempts"]!.AsArray()); // not run again by the new owner
        }

        Assert.Contains(executor.Lines, l => l.Contains("took executor partitions", StringComparison.Ordinal));
        await Poll.UntilAsync(async () => await cluster.ScalarAsync<long>("SELECT count(*) FROM worker_job_queue") == 0, "the queue table back to empty");
    }

    [Fact]
    public async Task A_worker_with_every_slot_taken_claims_the_waiting_jobs_as_slots_free_without_polling()
    {
        await using var cluster = await ClusterProcesses.CreateAsync();
        // One slot, and a poll interval longer than the test: only the wake-up at each end can start the next job.
        var standalone = await cluster.StartAsync("standalone", new Dictionary<string, string>
        {
            ["Merlin__Cluster__WorkerSlots"] = "1",
            ["Merlin__Cluster__PollInterval"] = "00:10:00",
        });
        await standalone.WaitForLineAsync(l => l.Contains("took executor partitions", StringComparison.Ordinal), "the standalone node taking the partitions");
        const string flow = "id: short\nnamespace: tests.local\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT0.3S\n";
        Assert.Equal(HttpStatusCode.OK, (await standalone.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).StatusCode);

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((string)JsonNode.Parse(await (await standalone.Client.PostAsync("api/v1/executions/tests.local/short", null)).Content.ReadAsStringAsync())!["id"]!);
        }

        await Poll.UntilAsync(async () => (await StatesAsync(standalone, ids)).All(s => s == "SUCCESS"), "every execution finished, one job at a time", TimeSpan.FromSeconds(30));
    }

    private static async Task<int> RunningSleepsAsync(ClusterNode node, IEnumerable<string> ids)
    {
        var running = 0;
        foreach (var id in ids)
        {
            var execution = JsonNode.Parse(await node.Client.GetStringAsync($"api/v1/executions/{id}"))!;
            running += execution["taskRunList"]?.AsArray().Count(r => (string?)r!["taskId"] == "wait" && (string?)r["state"]!["current"] == "RUNNING") ?? 0;
        }

        return running;
    }

    private static async Task<List<string?>> StatesAsync(ClusterNode node, IEnumerable<string> ids)
    {
        var states = new List<string?>();
        foreach (var id in ids)
        {
            states.Add((string?)JsonNode.Parse(await node.Client.GetStringAsync($"api/v1/executions/{id}"))!["state"]!["current"]);
        }

        return states;
    }
}
