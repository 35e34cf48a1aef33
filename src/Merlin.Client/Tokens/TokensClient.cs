using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Tokens;

/// <summary><c>/api/v1/tokens</c>: API tokens for CI and scripts.</summary>
public sealed class TokensClient
{
    private readonly ApiConnection _api;

    internal TokensClient(ApiConnection api) => _api = api;

    /// <summary>Creates a token; its secret is in the answer only.</summary>
    public Task<CreatedApiToken> CreateAsync(string name, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CreatedApiToken>(HttpMethod.Post, "api/v1/tokens", ApiConnection.Json(new CreateApiTokenRequest(name, expiresAt)), cancellationToken);

    /// <summary>Every token, without secrets.</summary>
    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<ApiToken>>(HttpMethod.Get, "api/v1/tokens", null, cancellationToken);

    /// <summary>Revokes a token at once (404 when there is none).</summary>
    public Task RevokeAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api/v1/tokens/{ApiConnection.Escape(id)}", null, cancellationToken);
}
