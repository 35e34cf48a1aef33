using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>Wall time of one execution whose ForEach runs 100 Log iterations all at once.</summary>
public sealed class ForEachScenario : IScenario
{
    private const string Namespace = "bench.foreach";
    private const int Values = 100;

    public string Name => "ForEach × 100 (concurrencyLimit 0)";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.ForEach(Namespace, Values), ct);
        var result = new ScenarioResult(Name);
        var runs = context.Pick(5, 2);
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var execution = await client.ExecuteAsync(Namespace, "foreach", wait: true, ct);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!execution.IsSuccess)
            {
                result.Note($"run {i + 1} ended in {execution.State}");
            }
        }

        return result.Add("wall time (first run)", times[0], "ms")
            .Add("wall time (median of rest)", LatencyStats.Of(times.Skip(1)).P50, "ms")
            .Note($"{runs} runs, wait=true round trip, {Values} task runs each");
    }
}
