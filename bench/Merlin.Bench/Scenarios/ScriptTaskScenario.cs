using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>
/// What a script task costs end to end: <c>?wait=true</c> round trips of a one-<c>shell.Commands</c> <c>echo</c> flow
/// next to the one-Log flow, alternated so both meet the same server state; the difference is the process runner's
/// overhead (working directory, fork/exec of <c>/bin/sh</c>, reading its output).
/// </summary>
public sealed class ScriptTaskScenario : IScenario
{
    private const string Namespace = "bench.script";
    private const string ShellFlowId = "one_shell";

    public string Name => "shell.Commands echo vs Log, wait=true, 1 client";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.OneLog(Namespace), ct);
        await client.CreateFlowAsync(BenchFlows.OneShellEcho(Namespace, ShellFlowId), ct);
        var warmUp = context.Pick(100, 20);
        var requests = context.Pick(500, 100);
        for (var i = 0; i < warmUp; i++)
        {
            await client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct);
            await client.ExecuteAsync(Namespace, ShellFlowId, wait: true, ct);
        }

        var log = new List<double>(requests);
        var shell = new List<double>(requests);
        var failures = 0;
        for (var i = 0; i < requests; i++)
        {
            failures += await TimeAsync(() => client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, ct), log);
            failures += await TimeAsync(() => client.ExecuteAsync(Namespace, ShellFlowId, wait: true, ct), shell);
        }

        var (logStats, shellStats) = (LatencyStats.Of(log), LatencyStats.Of(shell));
        var result = new ScenarioResult(Name)
            .AddLatencies("Log ", logStats, p90: false)
            .AddLatencies("shell echo ", shellStats, p90: false)
            .Add("script overhead (p50 shell − p50 Log)", shellStats.P50 - logStats.P50, "ms")
            .Add("requests per flow", requests, "");
        if (failures > 0)
        {
            result.Note($"{failures} of {2 * requests} executions did not end in SUCCESS");
        }

        return result.Note($"{warmUp} warm-up pairs first; the two flows alternate; client-side round trip (HTTP included)");
    }

    private static async Task<int> TimeAsync(Func<Task<Http.ExecutionSummary>> execute, List<double> latencies)
    {
        var started = Stopwatch.GetTimestamp();
        var execution = await execute();
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return execution.IsSuccess ? 0 : 1;
    }
}
