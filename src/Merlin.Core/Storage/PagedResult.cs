namespace Merlin.Core.Storage;

/// <summary>Kestra's paged result shape: one page of results and the total count.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Results, long Total);
