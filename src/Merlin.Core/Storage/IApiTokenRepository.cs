namespace Merlin.Core.Storage;

/// <summary>
/// API tokens by id and by hash. Reads are never cached by callers, so a delete revokes a token for the next request.
/// </summary>
public interface IApiTokenRepository
{
    /// <summary>Stores a new token; ids and hashes are unique.</summary>
    Task CreateAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>The token with this hash, expired or not (the caller judges expiry), or null.</summary>
    Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Every token, oldest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the token; false when no token has this id.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
