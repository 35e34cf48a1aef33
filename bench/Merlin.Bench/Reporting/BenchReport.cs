using System.Text;
using System.Text.Json;

namespace Merlin.Bench.Reporting;

/// <summary>The whole run: environment, then every scenario's metrics; rendered as markdown and JSON.</summary>
public sealed class BenchReport(BenchOptions options, MachineInfo machine)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public List<ScenarioResult> Scenarios { get; } = [];

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var store = options.Postgres ? "PostgreSQL, synchronous_commit=on" : $"synchronous={options.Synchronous}";
        text.AppendLine($"## Merlin benchmark — {store}{(options.Quick ? " (quick)" : "")}");
        text.AppendLine();
        text.AppendLine($"{Started:yyyy-MM-dd HH:mm} UTC · {machine.Cpu} · {machine.Cores} vCPU · {machine.MemoryGb:0} GB · load average {machine.LoadAverage} at start");
        text.AppendLine();
        text.AppendLine("| scenario | metric | value | target |");
        text.AppendLine("|---|---|---:|---|");
        foreach (var scenario in Scenarios)
        {
            if (scenario.Metrics.Count == 0)
            {
                text.AppendLine($"| {scenario.Name} | — | skipped | |");
            }

            foreach (var metric in scenario.Metrics)
            {
                text.AppendLine($"| {scenario.Name} | {metric.Name} | {metric.Formatted} | {metric.Target} |");
            }
        }

        var notes = Scenarios.SelectMany(s => s.Notes.Select(n => $"- **{s.Name}**: {n}")).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            notes.ForEach(n => text.AppendLine(n));
        }

        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        started = Started,
        options.Synchronous,
        options.Postgres,
        options.Quick,
        machine,
        scenarios = Scenarios.Select(s => new
        {
            s.Name,
            s.Skipped,
            metrics = s.Metrics.ToDictionary(m => m.Name, m => new { value = Math.Round(m.Value, 3), m.Unit, m.Target }),
            s.Notes,
        }),
    }, JsonOptions);
}
