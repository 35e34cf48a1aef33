using System.Globalization;
using System.Text.Json;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>A metric a script reported: <c>counter</c> (a number) or <c>timer</c> (seconds), with its tags.</summary>
public sealed record ScriptMetric(string Name, string Type, double Value, IReadOnlyDictionary<string, string> Tags)
{
    public static ScriptMetric Parse(JsonElement metric)
    {
        var name = metric.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new FormatException("a metric needs a name");
        var type = metric.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "counter";
        var value = metric.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new FormatException($"metric '{name}' needs a numeric value");
        var tags = metric.TryGetProperty("tags", out var g) && g.ValueKind == JsonValueKind.Object
            ? g.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText())
            : new Dictionary<string, string>();
        return new ScriptMetric(name, type, value, tags);
    }

    public override string ToString() =>
        $"{Name} ({Type}) = {Value.ToString(CultureInfo.InvariantCulture)}" + (Tags.Count == 0 ? "" : " " + string.Join(",", Tags.Select(t => $"{t.Key}={t.Value}")));
}
