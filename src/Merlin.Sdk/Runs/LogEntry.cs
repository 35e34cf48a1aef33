namespace Merlin.Sdk.Runs;

/// <summary>A log line of a task run, a trigger or an execution (Kestra's <c>LogEntry</c>).</summary>
public sealed record LogEntry
{
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public string? TaskId { get; init; }
    public string? ExecutionId { get; init; }
    public string? TaskRunId { get; init; }
    public int? AttemptNumber { get; init; }
    public string? TriggerId { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required LogLevel Level { get; init; }
    public string Thread { get; init; } = "worker";
    public required string Message { get; init; }
    public bool Deleted { get; init; }
}
