namespace Merlin.Bench.Reporting;

/// <summary>
/// Merlin's figures divided by the floor's from the same run: the numbers to read on a shared, noisy machine, where
/// absolute times drift by ±50 % between runs but both servers see the same machine minutes apart.
/// </summary>
public static class FloorRatios
{
    /// <summary>The SQLite goals (round 2) and the PostgreSQL ones (issue 12).</summary>
    public sealed record Goals(string P50, string Throughput, string? IdleToP50, string Floor)
    {
        public static readonly Goals Sqlite = new("≤ 1.5×", "≥ 0.5×", null,
            "the floor: an HTTP POST, one group-committed SQLite insert (same synchronous mode), a small JSON answer");

        public static readonly Goals Postgres = new("≤ 3×", "≥ 0.3×", "≤ 2×",
            "the floor: an HTTP POST, one group-committed PostgreSQL insert (synchronous_commit=on), a small JSON answer");
    }

    public static ScenarioResult Of(IReadOnlyList<ScenarioResult> floor, IReadOnlyList<ScenarioResult> merlin, Goals goals, string target = "Merlin")
    {
        var result = new ScenarioResult($"ratios to the floor ({target} ÷ floor)");
        Ratio(result, floor, merlin, "wait=true latency", "p50", "wait=true p50", goals.P50);
        Ratio(result, floor, merlin, "wait=true latency", "p99", "wait=true p99", null);
        Ratio(result, floor, merlin, "sustained throughput", "executions/s (SUCCESS)", "executions/s, 32 clients", goals.Throughput);
        Ratio(result, floor, merlin, "sustained throughput", "server CPU per execution", "server CPU per execution", null);
        Ratio(result, floor, merlin, "sustained throughput", "PostgreSQL CPU per execution", "PostgreSQL CPU per execution", null);
        if (goals.IdleToP50 is not null)
        {
            // The goal's words: "no slower than 2× the loaded p50" — the p50 under the sustained load of 32 clients.
            // A poll would show here as tens of milliseconds; the one-client ratio below is stricter and kept beside it.
            var idle = Find(merlin, "after idle")?.Value("slowest after idle");
            var loadedP50 = Find(merlin, "sustained throughput")?.Value("latency p50");
            if (idle is not null && loadedP50 is > 0)
            {
                result.Add($"slowest request after idle ÷ loaded p50, 32 clients ({idle:0.###} vs {loadedP50:0.###})", idle.Value / loadedP50.Value, "×", goals.IdleToP50);
            }

            var p50 = Find(merlin, "wait=true latency")?.Value("p50");
            if (idle is not null && p50 is > 0)
            {
                result.Add($"slowest request after idle ÷ one-client wait=true p50 ({idle:0.###} vs {p50:0.###})", idle.Value / p50.Value, "×", null);
            }

            var floorIdle = Find(floor, "after idle")?.Value("slowest after idle");
            var floorP50 = Find(floor, "wait=true latency")?.Value("p50");
            if (floorIdle is not null && floorP50 is > 0)
            {
                result.Add($"the floor's own: slowest after idle ÷ its p50 ({floorIdle:0.###} vs {floorP50:0.###})", floorIdle.Value / floorP50.Value, "×", null);
            }

            // What the machine adds after idle touches both alike: this one shows what the server adds (a poll would).
            Ratio(result, floor, merlin, "after idle", "slowest after idle", "slowest request after idle ÷ the floor's", null);
        }

        return result.Note(goals.Floor);
    }

    private static void Ratio(ScenarioResult into, IReadOnlyList<ScenarioResult> floor, IReadOnlyList<ScenarioResult> merlin, string scenario, string metric, string label, string? target)
    {
        var f = Find(floor, scenario)?.Value(metric);
        var m = Find(merlin, scenario)?.Value(metric);
        if (f is > 0 && m is not null)
        {
            into.Add($"{label} ({m:0.###} vs {f:0.###})", m.Value / f.Value, "×", target);
        }
    }

    private static ScenarioResult? Find(IReadOnlyList<ScenarioResult> results, string scenario) =>
        results.FirstOrDefault(r => !r.Skipped && r.Name.Contains(scenario, StringComparison.Ordinal));
}
