namespace Merlin.Core.Storage;

/// <summary>Metric entries of task runs (Kestra's <c>MetricRepositoryInterface</c>), kept per execution and task run.</summary>
public interface IMetricRepository
{
    /// <summary>Stores the entries; they share the group-commit writer with execution saves.</summary>
    Task AppendAsync(IReadOnlyList<MetricEntry> entries, CancellationToken cancellationToken);

    /// <summary>One page of an execution's entries, optionally of one task run or one task; oldest first unless sorted.</summary>
    Task<PagedResult<MetricEntry>> ListAsync(MetricQuery query, CancellationToken cancellationToken);

    /// <summary>The distinct metric names of a flow, or of one of its tasks, in name order.</summary>
    Task<IReadOnlyList<string>> NamesAsync(string @namespace, string flowId, string? taskId, CancellationToken cancellationToken);

    /// <summary>The ids of the flow's tasks that recorded metrics (deleted or renamed tasks included), in id order.</summary>
    Task<IReadOnlyList<string>> TaskIdsAsync(string @namespace, string flowId, CancellationToken cancellationToken);

    /// <summary>
    /// Count, sum, min and max of one metric's values per period (UTC), entries timed from <see cref="MetricBucketQuery.Start"/>
    /// to <see cref="MetricBucketQuery.End"/> inclusive; only periods that have entries, oldest first.
    /// </summary>
    Task<IReadOnlyList<MetricBucket>> BucketsAsync(MetricBucketQuery query, CancellationToken cancellationToken);

    Task<int> DeleteByExecutionAsync(string executionId, CancellationToken cancellationToken);
}
