using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary><c>?wait=true</c> round trip of a one-Log flow, one client, after a warm-up.</summary>
public sealed class SequentialLatencyScenario : IScenario
{
    private const string Namespace = "bench.latency";

    public string Name => "wait=true latency, 1 client";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.OneLog(Namespace), ct);
        var warmUp = context.Pick(500, 100);
        var requests = context.Pick(2000, 300);
        for (var i = 0; i < warmUp; i++)
        {
            await client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct);
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

        return result.Note($"{warmUp} warm-up requests first; client-side round trip (HTTP included)");
    }
}
