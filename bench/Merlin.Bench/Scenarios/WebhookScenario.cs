using System.Diagnostics;
using Merlin.Bench.Http;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>
/// Kestra's benchmark 1 (webhook → OutputValues → Log) at fixed injection rates per minute. Latency is the
/// execution's own duration (created to ended, <c>state.duration</c>), as Kestra's benchmark page reports it;
/// the webhook round trip is reported beside it.
/// </summary>
public sealed class WebhookScenario : IScenario
{
    private const string Namespace = "bench.webhook";
    private const string Key = "bench-key";

    public string Name => "Kestra benchmark 1 (webhook)";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.Benchmark01(Namespace, Key), ct);
        var result = new ScenarioResult(Name);
        if (await client.WebhookAsync(Namespace, "benchmark01", Key, ct) is not { } probe)
        {
            result.Skipped = true;
            return result.Note("skipped: POST /api/v1/executions/webhook/{namespace}/{flowId}/{key} answers 404 (webhook route not implemented yet)");
        }

        if (probe.Id is null)
        {
            result.Skipped = true;
            return result.Note($"skipped: the webhook answered {probe.State}");
        }

        var window = TimeSpan.FromSeconds(context.Pick(15, 5));
        foreach (var perMinute in new[] { 250, 1000, 5000, 20000 })
        {
            await RunRateAsync(client, perMinute, window, result, ct);
        }

        return result.Note($"each rate injected for {window.TotalSeconds:0} s (open loop); latency = execution duration created→ended as Kestra reports it; 'webhook' = HTTP round trip of the trigger call");
    }

    private static async Task RunRateAsync(MerlinClient client, int perMinute, TimeSpan window, ScenarioResult result, CancellationToken ct)
    {
        var calls = await OpenLoop.RunAsync(perMinute / 60.0, window, async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var execution = await client.WebhookAsync(Namespace, "benchmark01", Key, ct);
            return (Execution: execution, Ms: Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }, ct);
        var answers = await Task.WhenAll(calls);
        var ids = answers.Select(a => a.Execution?.Id).OfType<string>().ToList();
        var ended = await WaitForEndAsync(client, ids, ct);
        var durations = ended.Where(e => e.IsSuccess && e.DurationSeconds is not null).Select(e => e.DurationSeconds!.Value * 1000);
        var stats = LatencyStats.Of(durations);
        var prefix = $"{perMinute}/min ";
        result.Add(prefix + "latency p50", stats.P50, "ms")
            .Add(prefix + "latency p95", stats.P95, "ms")
            .Add(prefix + "latency p99", stats.P99, "ms")
            .Add(prefix + "webhook p99", LatencyStats.Of(answers.Select(a => a.Ms)).P99, "ms");
        var failed = answers.Length - stats.Count;
        if (failed > 0)
        {
            result.Note($"{perMinute}/min: {failed} of {answers.Length} executions missing or not SUCCESS");
        }
    }

    /// <summary>Reads every execution back, re-reading the unfinished ones until they end (or a minute passes).</summary>
    private static async Task<List<ExecutionSummary>> WaitForEndAsync(MerlinClient client, List<string> ids, CancellationToken ct)
    {
        var ended = new List<ExecutionSummary>(ids.Count);
        var pending = ids;
        var deadline = Stopwatch.StartNew();
        using var limit = new SemaphoreSlim(16);
        while (pending.Count > 0 && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            var reads = await Task.WhenAll(pending.Select(async id =>
            {
                await limit.WaitAsync(ct);
                try
                {
                    return (Id: id, Execution: await client.GetExecutionAsync(id, ct));
                }
                finally
                {
                    limit.Release();
                }
            }));
            ended.AddRange(reads.Where(r => r.Execution.IsTerminated).Select(r => r.Execution));
            pending = reads.Where(r => !r.Execution.IsTerminated).Select(r => r.Id).ToList();
            if (pending.Count > 0)
            {
                await Task.Delay(200, ct);
            }
        }

        return ended;
    }
}
