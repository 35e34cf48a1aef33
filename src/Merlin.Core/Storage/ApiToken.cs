namespace Merlin.Core.Storage;

/// <summary>
/// A stored API token: never the secret itself, only <see cref="Hash"/> (lower-case hex SHA-256 of the token text).
/// </summary>
public sealed record ApiToken(string Id, string Name, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>True once <see cref="ExpiresAt"/> is reached; such a token must be refused.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;
}
