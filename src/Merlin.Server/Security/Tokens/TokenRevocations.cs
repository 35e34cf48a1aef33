using System.Collections.Concurrent;

namespace Merlin.Server.Security.Tokens;

/// <summary>
/// Signals the revocation of an API token to what outlives a request's authentication: open event streams
/// (<c>.../follow</c>) watch their token here and end when it is revoked through the API.
/// </summary>
internal sealed class TokenRevocations
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _watched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    /// <summary>A cancellation token cancelled when <paramref name="tokenId"/> is revoked (already cancelled if it was).</summary>
    public CancellationToken Watch(string tokenId)
    {
        var source = _watched.GetOrAdd(tokenId, _ => new CancellationTokenSource());

        // Checked after the registration, so a revocation between authentication and this call is not missed.
        if (_revoked.ContainsKey(tokenId))
        {
            return new CancellationToken(canceled: true);
        }

        return source.Token;
    }

    public void Revoke(string tokenId)
    {
        _revoked[tokenId] = true;
        if (_watched.TryRemove(tokenId, out var source))
        {
            source.Cancel();
        }
    }
}
