namespace Merlin.Bench.Reporting;

/// <summary>
/// Merlin's figures divided by the floor's from the same run: the numbers to read on a shared, noisy machine, where
/// absolute times drift by ±50 % between runs but both servers see the same machine minutes apart.
/// </summary>
public static class FloorRatios
{
    public static ScenarioResult Of(IReadOnlyList<ScenarioResult> floor, IReadOnlyList<ScenarioResult> merlin)
    {
        var result = new ScenarioResult("ratios to the floor (Merlin ÷ floor)");
        Ratio(result, floor, merlin, "wait=true latency", "p50", "wait=true p50", "≤ 1.5×");
        Ratio(result, floor, merlin, "wait=true latency", "p99", "wait=true p99", null);
        Ratio(result, floor, merlin, "sustained throughput", "executions/s (SUCCESS)", "executions/s, 32 clients", "≥ 0.5×");
        Ratio(result, floor, merlin, "sustained throughput", "server CPU per execution", "server CPU per execution", null);
        return result.Note("the floor: an HTTP POST, one group-committed SQLite insert (same synchronous mode), a small JSON answer");
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
