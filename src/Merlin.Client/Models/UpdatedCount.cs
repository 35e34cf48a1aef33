namespace Merlin.Client.Models;

/// <summary>How many items a bulk call changed.</summary>
public sealed record UpdatedCount(int Count);
