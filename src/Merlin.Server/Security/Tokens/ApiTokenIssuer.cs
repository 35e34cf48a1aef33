using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;

namespace Merlin.Server.Security.Tokens;

/// <summary>Creates API tokens: 32 random bytes, shown once, stored only as their SHA-256.</summary>
public sealed class ApiTokenIssuer(IApiTokenRepository tokens, TimeProvider time)
{
    /// <summary>Marks Merlin tokens, so secret scanners and people recognise them.</summary>
    public const string Prefix = "mrl_";

    private const int MaxNameLength = 200;

    /// <summary>The stored token and its secret text (the only time the secret exists outside the client).</summary>
    public async Task<(ApiToken Token, string Secret)> IssueAsync(string? name, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw new InvalidEntityException("the token needs a name", [("name", $"must be 1 to {MaxNameLength} characters")]);
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new InvalidEntityException("the token would already be expired", [("expiresAt", "must be in the future")]);
        }

        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken(Ids.Create(), name.Trim(), Hash(secret), now, expiresAt?.ToUniversalTime());
        await tokens.CreateAsync(token, cancellationToken);
        return (token, secret);
    }

    /// <summary>Lower-case hex SHA-256 of the token text, as stored.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
