namespace Merlin.Runtime.Metrics;

/// <summary>One period of an aggregate: the metric's name, the aggregated value (0 when the period has no entry) and the period's start.</summary>
public sealed record MetricAggregation(string Name, double Value, DateTimeOffset Date);
