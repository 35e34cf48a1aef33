using System.Text.Json;
using System.Text.RegularExpressions;
using Merlin.Core.Executions;
using Merlin.Core.Json;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>
/// Kestra's output protocol: a line <c>::{json}::</c> carries <c>outputs</c> (merged into <c>vars</c>), <c>metrics</c>
/// (<c>{name, type, value, tags}</c>) and <c>logs</c> (<c>{level, message}</c>).
/// </summary>
public sealed partial record OutputLine(
    IReadOnlyDictionary<string, object?> Outputs,
    IReadOnlyList<ScriptMetric> Metrics,
    IReadOnlyList<(LogLevel Level, string Message)> Logs)
{
    [GeneratedRegex(@"^::(\{.*\})::$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The JSON text when <paramref name="line"/> is a protocol line; null for an ordinary line.</summary>
    public static string? Match(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith("::{", StringComparison.Ordinal) && Pattern().Match(line) is { Success: true } match ? match.Groups[1].Value : null;
    }

    /// <summary>Parses the JSON of a protocol line; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not one.</summary>
    public static OutputLine Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var outputs = root.TryGetProperty("outputs", out var o) && PlainValueConverter.FromElement(o) is IReadOnlyDictionary<string, object?> map
            ? map
            : new Dictionary<string, object?>();
        var metrics = root.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(ScriptMetric.Parse).ToList()
            : [];
        var logs = root.TryGetProperty("logs", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Select(ParseLog).ToList()
            : [];
        return new OutputLine(outputs, metrics, logs);
    }

    private static (LogLevel, string) ParseLog(JsonElement log)
    {
        var level = log.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        var message = log.TryGetProperty("message", out var m) ? (m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText()) : null;
        return (Level(level), message ?? "");
    }

    /// <summary>Kestra's level names (WARNING as Python spells it too); anything else is INFO.</summary>
    private static LogLevel Level(string? name) => name?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.TRACE,
        "DEBUG" => LogLevel.DEBUG,
        "WARN" or "WARNING" => LogLevel.WARN,
        "ERROR" or "CRITICAL" => LogLevel.ERROR,
        _ => LogLevel.INFO,
    };
}
