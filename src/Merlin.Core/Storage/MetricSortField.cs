namespace Merlin.Core.Storage;

/// <summary>The fields metric entries sort by (Kestra's: namespace, flowId, taskId, executionId, taskrunId, name, timestamp, value).</summary>
public enum MetricSortField
{
    Namespace,
    FlowId,
    TaskId,
    ExecutionId,
    TaskRunId,
    Name,
    Timestamp,
    Value,
}
