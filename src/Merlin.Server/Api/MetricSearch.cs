using Merlin.Core.Storage;
using Merlin.Runtime.Errors;

namespace Merlin.Server.Api;

/// <summary>Kestra's metric search parameters: page, size, sort (<c>field:asc|desc</c>, repeatable), taskRunId, taskId.</summary>
internal static class MetricSearch
{
    private static readonly Dictionary<string, MetricSortField> Fields = new(StringComparer.Ordinal)
    {
        ["namespace"] = MetricSortField.Namespace,
        ["flowId"] = MetricSortField.FlowId,
        ["taskId"] = MetricSortField.TaskId,
        ["executionId"] = MetricSortField.ExecutionId,
        ["taskrunId"] = MetricSortField.TaskRunId, // Kestra's spelling in its sort mapping
        ["taskRunId"] = MetricSortField.TaskRunId,
        ["name"] = MetricSortField.Name,
        ["timestamp"] = MetricSortField.Timestamp,
        ["value"] = MetricSortField.Value,
    };

    public static MetricQuery Parse(string executionId, IQueryCollection query)
    {
        var page = ExecutionSearch.Int(query, "page") ?? 1;
        var size = ExecutionSearch.Int(query, "size") ?? 10;
        if (page < 1 || size < 1)
        {
            throw new BadRequestException($"'{(page < 1 ? "page" : "size")}' must be at least 1");
        }

        return new MetricQuery
        {
            ExecutionId = executionId,
            TaskRunId = ExecutionSearch.Optional(query, "taskRunId"),
            TaskId = ExecutionSearch.Optional(query, "taskId"),
            Page = page,
            Size = Math.Min(size, 1000),
            Sort = [.. query["sort"].Where(s => !string.IsNullOrEmpty(s)).SelectMany(s => s!.Split(',')).Select(Sort)],
        };
    }

    private static MetricSort Sort(string text)
    {
        var (field, direction) = text.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (text[..colon], text[(colon + 1)..]) : (text, "asc");
        if (!Fields.TryGetValue(field, out var sortField))
        {
            throw new BadRequestException($"unknown sort field '{field}' (one of {string.Join(", ", Fields.Keys)})");
        }

        return direction.ToLowerInvariant() switch
        {
            "asc" => new MetricSort(sortField, false),
            "desc" => new MetricSort(sortField, true),
            _ => throw new BadRequestException($"sort direction of '{field}' must be asc or desc"),
        };
    }
}
