using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>A single <c>?wait=true</c> request after the server has been idle: shows polling or sleeping loops.</summary>
public sealed class IdleLatencyScenario : IScenario
{
    private const string Namespace = "bench.idle";

    public string Name => "single request after idle";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.OneLog(Namespace), ct);
        // PostgreSQL runs keep the full 10 s even when quick: a consumer that polls (1 s by default) must show here.
        var idle = TimeSpan.FromSeconds(context.Options.Postgres ? 10 : context.Pick(10, 3));
        var target = context.Options.Postgres ? "≤ 2× loaded p50" : "≤ 5 ms";
        var repeats = context.Pick(3, 2);
        var result = new ScenarioResult(Name);
        var latencies = new List<double>();
        for (var i = 1; i <= repeats; i++)
        {
            await Task.Delay(idle, ct);
            var started = Stopwatch.GetTimestamp();
            var execution = await client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            latencies.Add(ms);
            result.Add($"after {idle.TotalSeconds:0} s idle #{i}", ms, "ms", target);
            if (!execution.IsSuccess)
            {
                result.Note($"request #{i} ended in {execution.State}");
            }
        }

        result.Add("slowest after idle", latencies.Max(), "ms");
        return result.Note("the HTTP connection is kept alive across the idle time, so this measures the server, not a TCP handshake");
    }
}
