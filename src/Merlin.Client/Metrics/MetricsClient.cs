using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Metrics;

/// <summary><c>/api/v1/metrics</c>: the metrics tasks recorded, per execution, and per flow their names, tasks and aggregates.</summary>
public sealed class MetricsClient
{
    private readonly ApiConnection _api;

    internal MetricsClient(ApiConnection api) => _api = api;

    /// <summary>
    /// One page of an execution's metrics, optionally of one task run or one task; <paramref name="sort"/> as Kestra's
    /// <c>field:asc|desc</c> (<c>timestamp</c>, <c>name</c>, <c>value</c>...).
    /// </summary>
    public Task<PagedResults<MetricEntry>> ListAsync(string executionId, string? taskRunId = null, string? taskId = null, int page = 1, int size = 10,
        IEnumerable<string>? sort = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<PagedResults<MetricEntry>>(HttpMethod.Get,
            $"api/v1/metrics/{ApiConnection.Escape(executionId)}"
            + new QueryString().Add("page", page).Add("size", size).AddAll("sort", sort).Add("taskRunId", taskRunId).Add("taskId", taskId),
            null, cancellationToken);

    /// <summary>The names of the metrics a flow (or one of its tasks) recorded.</summary>
    public Task<IReadOnlyList<string>> NamesAsync(string @namespace, string flowId, string? taskId = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<string>>(HttpMethod.Get,
            $"api/v1/metrics/names/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(flowId)}" + (taskId is null ? "" : "/" + ApiConnection.Escape(taskId)),
            null, cancellationToken);

    /// <summary>The ids of a flow's tasks that recorded metrics (deleted or renamed tasks included).</summary>
    public Task<IReadOnlyList<string>> TasksAsync(string @namespace, string flowId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<string>>(HttpMethod.Get,
            $"api/v1/metrics/tasks/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(flowId)}", null, cancellationToken);

    /// <summary>
    /// One metric of a flow (or of one of its tasks) aggregated per period between two dates (by default the last 30 days),
    /// the period chosen by the server from the range.
    /// </summary>
    public Task<MetricAggregations> AggregateAsync(string @namespace, string flowId, string metric, string? taskId = null,
        MetricAggregationKind aggregation = MetricAggregationKind.Sum, DateTimeOffset? startDate = null, DateTimeOffset? endDate = null,
        CancellationToken cancellationToken = default) =>
        _api.SendAsync<MetricAggregations>(HttpMethod.Get,
            $"api/v1/metrics/aggregates/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(flowId)}/"
            + (taskId is null ? "" : ApiConnection.Escape(taskId) + "/") + ApiConnection.Escape(metric)
            + new QueryString().Add("startDate", startDate).Add("endDate", endDate).Add("aggregation", aggregation.ToString().ToLowerInvariant()),
            null, cancellationToken);
}
