namespace Merlin.Core.Storage;

/// <summary>The values of one metric in one period starting at <see cref="Start"/> (UTC): how many, their sum, min and max.</summary>
public sealed record MetricBucket(DateTimeOffset Start, long Count, double Sum, double Min, double Max);
