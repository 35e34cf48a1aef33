using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Server.Api;

namespace Merlin.Server.Security.Tokens;

/// <summary>
/// <c>/api/v1/tokens</c>: create (the secret is returned once), list (never a secret nor a hash), revoke.
/// Protected like every route when security is on.
/// </summary>
internal static class ApiTokenEndpoints
{
    public static void MapApiTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/v1/tokens");

        tokens.MapPost("", async (HttpRequest request, ApiTokenIssuer issuer, CancellationToken ct) =>
        {
            if (!request.HasJsonContentType())
            {
                throw new BadRequestException("send the token as application/json {name, expiresAt?}");
            }

            var body = await request.ReadFromJsonAsync<CreateApiTokenRequest>(ApiJson.Options, ct)
                ?? throw new BadRequestException("the request body must be a JSON object {name, expiresAt?}");
            var (token, secret) = await issuer.IssueAsync(body.Name, body.ExpiresAt, ct);
            return Results.Json(new { token.Id, token.Name, Token = secret, token.ExpiresAt, token.CreatedAt }, ApiJson.Options);
        });

        tokens.MapGet("", async (IApiTokenRepository repository, CancellationToken ct) =>
            Results.Json((await repository.ListAsync(ct)).Select(t => new { t.Id, t.Name, t.ExpiresAt, t.CreatedAt }), ApiJson.Options));

        tokens.MapDelete("/{id}", async (string id, IApiTokenRepository repository, CancellationToken ct) =>
            await repository.DeleteAsync(id, ct) ? Results.NoContent() : throw new NotFoundException($"API token '{id}' not found"));
    }
}
