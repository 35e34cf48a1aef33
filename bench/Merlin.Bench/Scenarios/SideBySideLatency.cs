using System.Diagnostics;
using Merlin.Bench.Http;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>
/// One-client <c>?wait=true</c> latency of the floor and Merlin, both running, in turns: blocks of requests alternate
/// between them, so the shared machine's drift (its load moves a run's p50 by ±15 % from one minute to the next) touches
/// both alike, where the separate scenarios measure them minutes apart. Each warms up until steady first, by
/// <see cref="SequentialLatencyScenario"/>'s rule.
/// </summary>
public static class SideBySideLatency
{
    public const string Name = "side by side: wait=true latency, 1 client";

    public static async Task<ScenarioResult> RunAsync(MerlinClient floor, MerlinClient merlin, BenchOptions options, string p50Goal, CancellationToken ct)
    {
        var rounds = options.Quick ? 10 : 20;
        var minWarmUp = options.Quick ? 100 : 500;
        foreach (var client in new[] { floor, merlin })
        {
            await client.CreateFlowAsync(BenchFlows.OneLog(SequentialLatencyScenario.Namespace), ct);
            await SequentialLatencyScenario.WarmUpAsync(client, minWarmUp, ct);
        }

        var (floorAll, merlinAll, ratios) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            var floorBlock = await BlockAsync(floor, ct);
            var merlinBlock = await BlockAsync(merlin, ct);
            floorAll.AddRange(floorBlock);
            merlinAll.AddRange(merlinBlock);
            ratios.Add(LatencyStats.Of(merlinBlock).P50 / LatencyStats.Of(floorBlock).P50);
        }

        var (f, m) = (LatencyStats.Of(floorAll), LatencyStats.Of(merlinAll));
        return new ScenarioResult(Name)
            .Add("floor p50", f.P50, "ms")
            .Add("Merlin p50", m.P50, "ms")
            .Add($"Merlin ÷ floor, p50 ({m.P50:0.###} vs {f.P50:0.###})", m.P50 / f.P50, "×", p50Goal)
            .Add("Merlin ÷ floor, median of the rounds' p50 ratios", LatencyStats.Of(ratios).P50, "×")
            .Add("Merlin ÷ floor, p99", m.P99 / f.P99, "×")
            .Note($"{rounds} rounds of {Block.TotalSeconds:0} s of requests to the floor, then {Block.TotalSeconds:0} s to Merlin, after each warmed up until steady");
    }

    /// <summary>Long enough that the first requests after a switch (threads to wake on the other server) weigh little.</summary>
    private static readonly TimeSpan Block = TimeSpan.FromSeconds(1);

    private static async Task<List<double>> BlockAsync(MerlinClient client, CancellationToken ct)
    {
        var latencies = new List<double>();
        var block = Stopwatch.StartNew();
        while (block.Elapsed < Block)
        {
            var started = Stopwatch.GetTimestamp();
            var execution = await client.ExecuteAsync(SequentialLatencyScenario.Namespace, BenchFlows.LogFlowId, wait: true, ct);
            if (!execution.IsSuccess)
            {
                throw new InvalidOperationException($"an execution ended {execution.State}");
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }
}
