using System.Globalization;
using System.Text.Json;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>
/// A metric a script reported: <c>counter</c> or <c>gauge</c> (a number), or <c>timer</c> (seconds, or an ISO-8601
/// duration such as <c>PT1.5S</c>, as Kestra reads a <c>Duration</c>), with its tags.
/// </summary>
public sealed record ScriptMetric(string Name, string Type, double Value, IReadOnlyDictionary<string, string> Tags)
{
    public static ScriptMetric Parse(JsonElement metric)
    {
        var name = metric.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new FormatException("a metric needs a name");
        var type = metric.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : MetricTypes.Counter;
        if (type is not (MetricTypes.Counter or MetricTypes.Timer or MetricTypes.Gauge))
        {
            throw new FormatException($"metric '{name}' has an unknown type '{type}' (counter, timer or gauge)");
        }

        var value = metric.TryGetProperty("value", out var v) ? ReadValue(name, type, v) : throw new FormatException($"metric '{name}' needs a value");
        var tags = metric.TryGetProperty("tags", out var g) && g.ValueKind == JsonValueKind.Object
            ? g.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText())
            : new Dictionary<string, string>();
        return new ScriptMetric(name, type, value, tags);
    }

    /// <summary>Records the metric on the task run (a timer's seconds as a duration).</summary>
    public void RecordOn(ITaskMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        switch (Type)
        {
            case MetricTypes.Timer:
                metrics.Timer(Name, TimeSpan.FromSeconds(Value), Tags);
                break;
            case MetricTypes.Gauge:
                metrics.Gauge(Name, Value, Tags);
                break;
            default:
                metrics.Counter(Name, Value, Tags);
                break;
        }
    }

    public override string ToString() =>
        $"{Name} ({Type}) = {Value.ToString(CultureInfo.InvariantCulture)}" + (Tags.Count == 0 ? "" : " " + string.Join(",", Tags.Select(t => $"{t.Key}={t.Value}")));

    private static double ReadValue(string name, string type, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && double.IsFinite(number) && (type != MetricTypes.Timer || (number >= 0 && number < TimeSpan.MaxValue.TotalSeconds)))
        {
            return number;
        }

        if (type == MetricTypes.Timer && value.ValueKind == JsonValueKind.String && IsoDuration.TryParse(value.GetString(), out var duration) && duration >= TimeSpan.Zero)
        {
            return duration.TotalSeconds;
        }

        throw new FormatException(type == MetricTypes.Timer
            ? $"timer '{name}' needs a duration: seconds or ISO-8601 (PT1.5S)"
            : $"metric '{name}' needs a numeric value");
    }
}
