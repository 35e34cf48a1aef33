namespace Merlin.Core.Storage;

/// <summary>One sort key of <see cref="MetricQuery"/>.</summary>
public sealed record MetricSort(MetricSortField Field, bool Descending);
