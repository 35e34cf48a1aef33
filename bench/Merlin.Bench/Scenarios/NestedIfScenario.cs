using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>Five nested If blocks (templated conditions) ending in a Log, at a fixed 10 executions/s.</summary>
public sealed class NestedIfScenario : IScenario
{
    private const string Namespace = "bench.nestedif";
    private const int Depth = 5;
    private const double PerSecond = 10;

    public string Name => "5 nested If, 10 executions/s";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.NestedIf(Namespace, Depth), ct);
        var duration = TimeSpan.FromSeconds(context.Pick(10, 4));
        var calls = await OpenLoop.RunAsync(PerSecond, duration, async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var execution = await client.ExecuteAsync(Namespace, "nested_if", wait: true, ct);
            return (execution.IsSuccess, Ms: Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }, ct);
        var answers = await Task.WhenAll(calls);
        var result = new ScenarioResult(Name)
            .AddLatencies("latency ", LatencyStats.Of(answers.Where(a => a.IsSuccess).Select(a => a.Ms)), p90: true)
            .Add("executions", answers.Length, "");
        var failed = answers.Count(a => !a.IsSuccess);
        if (failed > 0)
        {
            result.Note($"{failed} executions did not end in SUCCESS");
        }

        return result.Note($"wait=true round trip; {Depth} If task runs + 1 Log per execution");
    }
}
