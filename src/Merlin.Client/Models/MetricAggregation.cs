namespace Merlin.Client.Models;

/// <summary>One period of an aggregate: the metric, its aggregated value (0 when nothing was recorded) and the period's start.</summary>
public sealed record MetricAggregation(string Name, double Value, DateTimeOffset Date);
