using System.Globalization;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's execution search parameters: namespace, flowId, state (repeatable), labels, startDate, endDate, page, size;
/// and <c>parentId</c>, the only way to list the iterations of a Loop (kind LOOP), which searches otherwise leave out.
/// </summary>
internal static class ExecutionSearch
{
    public static ExecutionQuery Parse(IQueryCollection query)
    {
        var states = query["state"].Where(s => !string.IsNullOrEmpty(s))
            .Select(s => Enum.TryParse<StateType>(s, true, out var t) ? t : throw new BadRequestException($"unknown state '{s}'"))
            .ToList();
        return new ExecutionQuery
        {
            Namespace = Optional(query, "namespace"),
            FlowId = Optional(query, "flowId"),
            States = states.Count > 0 ? states : null,
            Labels = query["labels"].Where(l => !string.IsNullOrEmpty(l)).Select(l => FlowEndpoints.ParseLabel(l!)).ToList(),
            StartDate = Date(query, "startDate"),
            EndDate = Date(query, "endDate"),
            ParentId = Optional(query, "parentId"),
            Page = Int(query, "page") ?? 1,
            Size = Math.Clamp(Int(query, "size") ?? 10, 1, 1000),
        };
    }

    internal static string? Optional(IQueryCollection query, string key) => query[key] is { Count: > 0 } v && v[0] is { Length: > 0 } s ? s : null;

    internal static int? Int(IQueryCollection query, string key) =>
        Optional(query, key) is { } s ? int.TryParse(s, CultureInfo.InvariantCulture, out var i) ? i : throw new BadRequestException($"'{key}' must be an integer") : null;

    internal static DateTimeOffset? Date(IQueryCollection query, string key) =>
        Optional(query, key) is { } s ? DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : throw new BadRequestException($"'{key}' must be an ISO date") : null;
}
