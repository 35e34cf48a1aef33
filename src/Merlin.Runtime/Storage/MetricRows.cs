using System.Globalization;
using System.Text.Json;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Storage;

/// <summary>
/// What the SQL backends share about metric rows: both store timestamps as fixed-width UTC text
/// (<c>2024-01-31T12:00:00.1234567Z</c>), so a period is a prefix of it (grouped by <c>substr</c>) and its start is
/// that prefix read back; both keep tags as a JSON object; both sort by the same columns.
/// </summary>
public static class MetricRows
{
    /// <summary>How many characters of the stored timestamp name the period: <c>2024-01</c>, <c>2024-01-31</c>, <c>2024-01-31T12</c>, <c>2024-01-31T12:00</c>.</summary>
    public static int PrefixLength(MetricPeriod period) => period switch
    {
        MetricPeriod.Month => 7,
        MetricPeriod.Day => 10,
        MetricPeriod.Hour => 13,
        _ => 16,
    };

    /// <summary>The UTC start of the period a prefix names.</summary>
    public static DateTimeOffset StartOf(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var full = prefix + "-01T00:00"[Math.Max(0, prefix.Length - 7)..];
        return DateTimeOffset.ParseExact(full, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public static string? TagsToJson(IReadOnlyDictionary<string, string>? tags) => tags is null ? null : JsonSerializer.Serialize(tags);

    public static IReadOnlyDictionary<string, string>? TagsFromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);

    /// <summary>An ORDER BY list from whitelisted columns (never from the request's text); by time, then insertion, by default.</summary>
    public static string OrderBy(IReadOnlyList<MetricSort> sort)
    {
        ArgumentNullException.ThrowIfNull(sort);
        var keys = sort.Select(s => Column(s.Field) + (s.Descending ? " DESC" : "")).Append("id");
        return string.Join(", ", sort.Count == 0 ? ["timestamp", "id"] : keys);
    }

    private static string Column(MetricSortField field) => field switch
    {
        MetricSortField.Namespace => "namespace",
        MetricSortField.FlowId => "flow_id",
        MetricSortField.TaskId => "task_id",
        MetricSortField.ExecutionId => "execution_id",
        MetricSortField.TaskRunId => "task_run_id",
        MetricSortField.Name => "name",
        MetricSortField.Value => "value",
        _ => "timestamp",
    };
}
