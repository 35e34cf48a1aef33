namespace Merlin.Client.Models;

/// <summary>A new API token with its secret <see cref="Token"/>, returned only once.</summary>
public sealed record CreatedApiToken(string Id, string Name, string Token, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);
