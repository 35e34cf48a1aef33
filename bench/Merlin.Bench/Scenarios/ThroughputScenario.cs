using System.Diagnostics;
using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>Closed loop: N clients each sending <c>?wait=true</c> one-Log executions back to back for a fixed time.</summary>
public sealed class ThroughputScenario : IScenario
{
    private const string Namespace = "bench.throughput";

    /// <summary>The least warm-up (it was the whole warm-up before: 2 s left PostgreSQL paths a fifth in the JIT).</summary>
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(5);

    public string Name => "sustained throughput, 32 clients";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var (client, ct) = (context.Client, context.CancellationToken);
        await client.CreateFlowAsync(BenchFlows.OneLog(Namespace), ct);
        const int clients = 32;
        var duration = TimeSpan.FromSeconds(context.Pick(30, 8));
        var (warmed, steadyRate) = await WarmUpAsync(context, clients);
        long success = 0, other = 0;
        var latencies = new List<double>[clients];
        (long Commits, long? Statements)? countersBefore = null;
        if (context is { Database: { } db0, ConnectionString: { } cs0 })
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // PostgreSQL publishes its counts up to a second late
            countersBefore = await db0.CountersAsync(cs0);
        }

        var cpuBefore = context.Server.Stats().CpuSeconds;
        var componentsBefore = context.Server.ComponentStats();
        var databaseCpuBefore = context.Database?.CpuSeconds();
        var warmSuccess = await client.SearchTotalAsync(Namespace, "SUCCESS", ct);
        for (var c = 0; c < clients; c++)
        {
            latencies[c] = [];
        }

        (long Commits, long? Statements)? counters = null;
        var clock = Stopwatch.StartNew();
        await RunClientsAsync(context, clients, duration, sample =>
        {
            if (sample.Success)
            {
                Interlocked.Increment(ref success);
                lock (latencies[sample.Client])
                {
                    latencies[sample.Client].Add(sample.Ms);
                }
            }
            else
            {
                Interlocked.Increment(ref other);
            }
        });

        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = context.Server.Stats().CpuSeconds - cpuBefore;
        var componentsAfter = context.Server.ComponentStats();
        var databaseCpu = context.Database?.CpuSeconds() - databaseCpuBefore;
        if (countersBefore is { } before && context is { Database: { } db1, ConnectionString: { } cs1 })
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // PostgreSQL publishes its counts up to a second late
            var after = await db1.CountersAsync(cs1);
            counters = (after.Commits - before.Commits, after.Statements - before.Statements);
        }

        var stored = await client.SearchTotalAsync(Namespace, "SUCCESS", ct) - warmSuccess;
        var stats = LatencyStats.Of(latencies.SelectMany(l => l));
        var result = new ScenarioResult(Name)
            .Add("executions/s (SUCCESS)", success / elapsed, "/s", "≥ 5,000 /s")
            .Add("SUCCESS responses", success, "")
            .Add("search total SUCCESS", stored, "")
            .AddLatencies("latency ", stats, p90: true)
            .Add("server CPU per execution", success == 0 ? 0 : cpu * 1000 / success, "ms");
        if (databaseCpu is { } dbCpu)
        {
            result.Add("PostgreSQL CPU per execution", success == 0 ? 0 : dbCpu * 1000 / success, "ms");
        }

        if (componentsAfter.Count > 1 && success > 0)
        {
            AddComponents(result, componentsBefore, componentsAfter, databaseCpu, success);
        }

        if (counters is { } window && success > 0)
        {
            result.Add("PostgreSQL commits per execution", (double)window.Commits / success, "/exec");
            if (window.Statements is { } statements)
            {
                result.Add("PostgreSQL statements per execution", (double)statements / success, "/exec");
            }
        }

        if (other > 0)
        {
            result.Note($"{other} responses were not SUCCESS");
        }

        if (stored != success)
        {
            result.Note($"search total ({stored}) differs from SUCCESS responses ({success})");
        }

        return result.Note($"{clients} clients × {duration.TotalSeconds:0} s, closed loop, after a warm-up of the same load ({warmed.TotalSeconds:0} s, until steady: last second {steadyRate:0}/s); server CPU {cpu:0.0} s over {elapsed:0.0} s wall");
    }

    /// <summary>
    /// A split cluster's CPU per execution by component, and what it would sustain with one core per process: on one
    /// machine they share its cores, so the sum bounds the throughput; on machines of their own, the busiest does.
    /// </summary>
    private static void AddComponents(ScenarioResult result, IReadOnlyList<(string Component, Server.ProcessStats Stats)> before,
        IReadOnlyList<(string Component, Server.ProcessStats Stats)> after, double? databaseCpu, long success)
    {
        var busiest = 0.0;
        for (var i = 0; i < after.Count; i++)
        {
            var ms = (after[i].Stats.CpuSeconds - before[i].Stats.CpuSeconds) * 1000 / success;
            busiest = Math.Max(busiest, ms);
            result.Add($"CPU per execution: {after[i].Component}", ms, "ms");
        }

        if (databaseCpu is { } dbCpu)
        {
            busiest = Math.Max(busiest, dbCpu * 1000 / success);
        }

        result.Add("executions/s with a core per process (1 ÷ the busiest's CPU per execution, PostgreSQL included)", busiest == 0 ? 0 : 1000 / busiest, "/s");
    }

    /// <summary>
    /// Warms up under the measured load until steady (<see cref="SteadyRule"/>, on the completions of each second), as
    /// <see cref="SequentialLatencyScenario"/> does for one client: the concurrent paths reach tier-1 JIT only under
    /// concurrency, and PostgreSQL standalone went from ~1,700 to ~4,400/s over its first 25 s on two vCPUs.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, double SteadyRate)> WarmUpAsync(BenchContext context, int clients)
    {
        long done = 0;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var load = RunClientsAsync(context, clients, SteadyRule.MaxWarmUpTime, _ => Interlocked.Increment(ref done), stop.Token);
        var steady = new SteadyRule(WarmUpTime, higherIsBetter: true);
        double rate = 0;
        while (!load.IsCompleted)
        {
            var before = Interlocked.Read(ref done);
            var started = clock.Elapsed;
            await Task.WhenAny(load, Task.Delay(SteadyRule.Window, context.CancellationToken));
            rate = (Interlocked.Read(ref done) - before) / (clock.Elapsed - started).TotalSeconds;
            if (steady.Add(rate, clock.Elapsed))
            {
                await stop.CancelAsync();
                break;
            }
        }

        await load;
        return (clock.Elapsed, rate);
    }

    private static Task RunClientsAsync(BenchContext context, int clients, TimeSpan duration, Action<(int Client, bool Success, double Ms)> record, CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        return Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && !stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var execution = await context.Client.ExecuteAsync(Namespace, BenchFlows.LogFlowId, wait: true, context.CancellationToken);
                record((c, execution.IsSuccess, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        }, context.CancellationToken)));
    }
}
