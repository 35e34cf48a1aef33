namespace Merlin.Bench.Reporting;

/// <summary>What one scenario measured, or why it was skipped.</summary>
public sealed class ScenarioResult(string name)
{
    public string Name { get; private set; } = name;

    public List<Metric> Metrics { get; } = [];

    public List<string> Notes { get; } = [];

    public bool Skipped { get; set; }

    public ScenarioResult Add(string metric, double value, string unit, string? target = null)
    {
        Metrics.Add(new Metric(metric, value, unit, target));
        return this;
    }

    public ScenarioResult AddLatencies(string prefix, LatencyStats stats, bool p90 = true, string? p50Target = null, string? p99Target = null)
    {
        Add($"{prefix}p50", stats.P50, "ms", p50Target);
        if (p90)
        {
            Add($"{prefix}p90", stats.P90, "ms");
        }
        else
        {
            Add($"{prefix}p95", stats.P95, "ms");
        }

        Add($"{prefix}p99", stats.P99, "ms", p99Target);
        Add($"{prefix}max", stats.Max, "ms");
        return this;
    }

    /// <summary>The same result under another name (the floor's runs of Merlin's scenarios).</summary>
    public ScenarioResult Renamed(string newName)
    {
        Name = newName;
        return this;
    }

    /// <summary>The value of a metric, or null when the scenario did not record it.</summary>
    public double? Value(string metric) => Metrics.FirstOrDefault(m => m.Name == metric)?.Value;

    public ScenarioResult Note(string note)
    {
        Notes.Add(note);
        return this;
    }
}
