namespace Merlin.Sdk.Runs;

/// <summary>
/// A metric recorded by a task run (Kestra's <c>MetricEntry</c>). <see cref="Type"/> is <c>counter</c>, <c>timer</c> or
/// <c>gauge</c> (<see cref="MetricTypes"/>); a timer's <see cref="Value"/> is in milliseconds.
/// </summary>
public sealed record MetricEntry
{
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public string? TaskId { get; init; }
    public string? ExecutionId { get; init; }
    public string? TaskRunId { get; init; }
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required double Value { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public bool Deleted { get; init; }
}
