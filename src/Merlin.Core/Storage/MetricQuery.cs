namespace Merlin.Core.Storage;

/// <summary>An execution's metric entries: of one task run or one task when given; page is 1-based; sorts apply in order.</summary>
public sealed record MetricQuery
{
    public required string ExecutionId { get; init; }
    public string? TaskRunId { get; init; }
    public string? TaskId { get; init; }
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 10;
    public IReadOnlyList<MetricSort> Sort { get; init; } = [];
}
