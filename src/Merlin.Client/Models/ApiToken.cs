namespace Merlin.Client.Models;

/// <summary>An API token as listed: never its secret.</summary>
public sealed record ApiToken(string Id, string Name, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);
