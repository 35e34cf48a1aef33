using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Metrics;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>/api/v1/metrics</c> routes: the metrics of an execution, and per flow their names, tasks and aggregates.</summary>
internal static class MetricEndpoints
{
    public static void MapMetricEndpoints(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/v1/metrics");

        metrics.MapGet("/{executionId}", async (string executionId, HttpRequest request, ExecutionQueries queries, IMetricRepository repository, CancellationToken ct) =>
        {
            var query = MetricSearch.Parse(executionId, request.Query);
            _ = await queries.GetAsync(executionId, ct) ?? throw new NotFoundException($"Execution '{executionId}' not found");
            var page = await repository.ListAsync(query, ct);
            return Results.Json(new { results = page.Results, total = page.Total }, KestraJson.Options);
        });

        metrics.MapGet("/names/{namespace}/{flowId}", async (string @namespace, string flowId, IMetricRepository repository, CancellationToken ct) =>
            Results.Json(await repository.NamesAsync(@namespace, flowId, null, ct), KestraJson.Options));

        metrics.MapGet("/names/{namespace}/{flowId}/{taskId}", async (string @namespace, string flowId, string taskId, IMetricRepository repository, CancellationToken ct) =>
            Results.Json(await repository.NamesAsync(@namespace, flowId, taskId, ct), KestraJson.Options));

        metrics.MapGet("/tasks/{namespace}/{flowId}", async (string @namespace, string flowId, IMetricRepository repository, CancellationToken ct) =>
            Results.Json(await repository.TaskIdsAsync(@namespace, flowId, ct), KestraJson.Options));

        metrics.MapGet("/aggregates/{namespace}/{flowId}/{metric}", (string @namespace, string flowId, string metric, HttpRequest request, MetricAggregator aggregator, CancellationToken ct) =>
            AggregateAsync(@namespace, flowId, null, metric, request, aggregator, ct));

        metrics.MapGet("/aggregates/{namespace}/{flowId}/{taskId}/{metric}", (string @namespace, string flowId, string taskId, string metric, HttpRequest request, MetricAggregator aggregator, CancellationToken ct) =>
            AggregateAsync(@namespace, flowId, taskId, metric, request, aggregator, ct));
    }

    private static async Task<IResult> AggregateAsync(string @namespace, string flowId, string? taskId, string metric, HttpRequest request, MetricAggregator aggregator, CancellationToken ct)
    {
        var query = request.Query;
        var aggregations = await aggregator.AggregateAsync(@namespace, flowId, taskId, metric,
            ExecutionSearch.Date(query, "startDate"), ExecutionSearch.Date(query, "endDate"), ExecutionSearch.Optional(query, "aggregation"), ct);
        return Results.Json(aggregations, KestraJson.Options);
    }
}
