using System.Diagnostics;
using Merlin.Bench.Reporting;
using Merlin.Bench.Server;

namespace Merlin.Bench.Scenarios;

/// <summary>
/// PostgreSQL only, right after the sustained run: the rows left in the queue tables (<c>docs/cluster.md</c>: every
/// table holds its backlog and nothing more, so with no client left they must go back to 0), at once and over time.
/// </summary>
public sealed class QueueTablesScenario : IScenario
{
    private static readonly string[] Tables = ["execution_queue", "worker_job_queue", "execution_replies"];

    public string Name => "queue tables after the sustained run";

    public async Task<ScenarioResult> RunAsync(BenchContext context)
    {
        var connection = context.ConnectionString ?? throw new InvalidOperationException("Only on PostgreSQL (--postgres).");
        var result = new ScenarioResult(Name);
        var clock = Stopwatch.StartNew();
        var atEnd = await CountAsync(connection);
        foreach (var table in Tables)
        {
            result.Add($"{table} rows at the end", atEnd[table], "", "0 (the backlog)");
        }

        // Events that changed nothing are deleted by a later pass (~2 s): wait for the tables to empty, with a deadline.
        var deadline = TimeSpan.FromSeconds(30);
        var counts = atEnd;
        while (counts.Values.Sum() > 0 && clock.Elapsed < deadline)
        {
            await Task.Delay(100, context.CancellationToken);
            counts = await CountAsync(connection);
        }

        if (counts.Values.Sum() == 0)
        {
            result.Add("time until all three are empty", clock.Elapsed.TotalMilliseconds, "ms");
        }
        else
        {
            result.Note($"still not empty after {deadline.TotalSeconds:0} s: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        }

        return result.Note("SELECT count(*) of each table; the first read starts as the last client's answer arrives");
    }

    private static async Task<Dictionary<string, long>> CountAsync(string connection)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            counts[table] = await PostgresServer.CountAsync(connection, table);
        }

        return counts;
    }
}
