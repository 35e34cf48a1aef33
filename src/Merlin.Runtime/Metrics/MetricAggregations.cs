namespace Merlin.Runtime.Metrics;

/// <summary>Kestra's answer to an aggregate query: the period the values are grouped by (<c>minute</c>...<c>month</c>) and one value per period.</summary>
public sealed record MetricAggregations(string GroupBy, IReadOnlyList<MetricAggregation> Aggregations);
