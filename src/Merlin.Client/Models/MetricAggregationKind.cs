namespace Merlin.Client.Models;

/// <summary>How the values of a period are aggregated.</summary>
public enum MetricAggregationKind
{
    Sum,
    Avg,
    Min,
    Max,
}
