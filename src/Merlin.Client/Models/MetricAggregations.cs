namespace Merlin.Client.Models;

/// <summary>A metric aggregated per period: <c>GroupBy</c> is <c>minute</c>, <c>hour</c>, <c>day</c>, <c>week</c> or <c>month</c>.</summary>
public sealed record MetricAggregations(string GroupBy, IReadOnlyList<MetricAggregation> Aggregations);
