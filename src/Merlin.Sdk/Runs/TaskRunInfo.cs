namespace Merlin.Sdk.Runs;

/// <summary>
/// A read-only view of the task run being executed: its ids, its loop <c>Value</c> (ForEach and the like, null outside
/// loops), its loop <c>Iteration</c>, and <c>AttemptNumber</c> (1 for the first attempt, 2 for the first retry...).
/// </summary>
public sealed record TaskRunInfo(
    string Id,
    string ExecutionId,
    string Namespace,
    string FlowId,
    string TaskId,
    string? ParentTaskRunId,
    string? Value,
    int? Iteration,
    int AttemptNumber);
