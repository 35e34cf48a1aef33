using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>
/// Splits the single-client round trip into parts that can be measured from outside: the HTTP floor
/// (<c>GET /health</c>), creating an execution without waiting (one committed write), and the execution's own
/// duration as the server records it (created → ended) versus the <c>?wait=true</c> round trip.
/// </summary>
public sealed class LatencyBreakdownScenario : IScenario
{
    private const string Namespace = "bench.breakdown";

    public string Name => "latency breakdown, 1 client";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.OneLog(Namespace), ct);
        var requests = context.Pick(500, 100);
        var health = await TimeAsync(requests, async () => (await client.Http.GetAsync(new Uri("health", UriKind.Relative), ct)).Dispose());
        var create = await TimeAsync(requests, () => client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: false, ct));
        await Task.Delay(500, ct); // let the un-awaited executions finish
        var durations = new List<double>(requests);
        var roundTrips = await TimeAsync(requests, async () =>
        {
            var execution = await client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct);
            durations.Add((execution.DurationSeconds ?? 0) * 1000);
        });

        return new ScenarioResult(Name)
            .Add("GET /health p50 (HTTP floor)", health.P50, "ms")
            .Add("POST execution, no wait, p50 (1 commit)", create.P50, "ms")
            .Add("POST ?wait=true p50", roundTrips.P50, "ms")
            .Add("server-side duration created→ended p50", LatencyStats.Of(durations).P50, "ms")
            .Add("wait=true minus duration p50", roundTrips.P50 - LatencyStats.Of(durations).P50, "ms")
            .Note($"{requests} sequential requests each; 'duration' is state.duration of the execution JSON");
    }

    private static async Task<LatencyStats> TimeAsync(int count, Func<Task> call)
    {
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return LatencyStats.Of(latencies);
    }
}
