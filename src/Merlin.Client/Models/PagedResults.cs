namespace Merlin.Client.Models;

/// <summary>One page of a search and the total number of matches.</summary>
public sealed record PagedResults<T>(IReadOnlyList<T> Results, long Total);
