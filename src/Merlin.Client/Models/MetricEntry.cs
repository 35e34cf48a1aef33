namespace Merlin.Client.Models;

/// <summary>A metric recorded by a task run (Kestra's <c>MetricEntry</c>): type <c>counter</c>, <c>timer</c> (milliseconds) or <c>gauge</c>.</summary>
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
}
