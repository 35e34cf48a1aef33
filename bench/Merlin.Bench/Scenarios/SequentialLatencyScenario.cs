using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary><c>?wait=true</c> round trip of a one-Log flow, one client, after a warm-up.</summary>
public sealed class SequentialLatencyScenario : IScenario
{
    private const string Namespace = "bench.latency";

    /// <summary>The same for the floor and Merlin, quick runs included (the throughput scenario warms up as long).</summary>
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(5);

    public string Name => "wait=true latency, 1 client";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.OneLog(Namespace), ct);
        var requests = context.Pick(2000, 300);

        // Warm-up by time, not by count: tiered JIT (tier 0, then PGO-instrumented, then tier 1) takes seconds of
        // traffic, and a few hundred requests left the server measured half-compiled — a start-up cost, not latency.
        var warmUp = 0;
        var warming = Stopwatch.StartNew();
        while (warmUp < context.Pick(500, 100) || warming.Elapsed < WarmUpTime)
        {
            await client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct);
            warmUp++;
        }

        var latencies = new List<double>(requests);
        var failures = 0;
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var execution = await client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            failures += execution.IsSuccess ? 0 : 1;
        }

        var stats = LatencyStats.Of(latencies);
        var result = new ScenarioResult(Name)
            .AddLatencies("", stats, p90: true, p50Target: "≤ 2 ms", p99Target: "≤ 10 ms")
            .Add("requests", requests, "");
        if (failures > 0)
        {
            result.Note($"{failures} of {requests} executions did not end in SUCCESS");
        }

        return result.Note($"{warmUp} warm-up requests ({WarmUpTime.TotalSeconds:0} s) first; client-side round trip (HTTP included)");
    }
}
