using System.Diagnostics;
using Merlin.Bench.Http;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary><c>?wait=true</c> round trip of a one-Log flow, one client, after a warm-up.</summary>
public sealed class SequentialLatencyScenario : IScenario
{
    internal const string Namespace = "bench.latency";

    /// <summary>
    /// The least warm-up, the same for the floor and Merlin, quick runs included: the JIT's progress comes in steps with
    /// flat seconds between them, and Merlin on PostgreSQL sat at 1.4 ms from its third to its fifth second before
    /// dropping to 0.6 ms.
    /// </summary>
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(10);

    public string Name => "wait=true latency, 1 client";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.OneLog(Namespace), ct);
        var requests = context.Pick(2000, 300);

        var (warmUp, warmed, steadyMs) = await WarmUpAsync(client, context.Pick(500, 100), ct);

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

        return result.Note($"{warmUp} warm-up requests ({warmed.TotalSeconds:0} s, until steady: last second's p50 {steadyMs:0.00} ms) first; client-side round trip (HTTP included)");
    }

    /// <summary>
    /// Warms up until steady (<see cref="SteadyRule"/>, on the median of each second of requests): the floor is steady
    /// after 2–7 s, Merlin after 6–13 s on two vCPUs, and a server measured half-compiled shows a start-up cost, not its
    /// latency. At least <see cref="WarmUpTime"/> and <paramref name="minRequests"/> requests.
    /// </summary>
    internal static async Task<(int Requests, TimeSpan Elapsed, double SteadyMs)> WarmUpAsync(MerlinClient client, int minRequests, CancellationToken ct)
    {
        var requests = 0;
        var warming = Stopwatch.StartNew();
        var window = new List<double>();
        var windowStarted = TimeSpan.Zero;
        var steady = new SteadyRule(WarmUpTime, higherIsBetter: false);
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            await client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct);
            window.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            requests++;
            if (warming.Elapsed - windowStarted < SteadyRule.Window)
            {
                continue;
            }

            var median = LatencyStats.Of(window).P50;
            if (steady.Add(median, warming.Elapsed) && (requests >= minRequests || warming.Elapsed >= SteadyRule.MaxWarmUpTime))
            {
                return (requests, warming.Elapsed, median);
            }

            window.Clear();
            windowStarted = warming.Elapsed;
        }
    }
}
