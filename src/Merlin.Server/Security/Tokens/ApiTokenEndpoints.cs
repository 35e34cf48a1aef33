using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Server.Api;

namespace Merlin.Server.Security.Tokens;

/// <summary>
/// <c>/api/v1/tokens</c>: create (the secret is returned once), list (never a secret nor a hash), revoke.
/// Protected like every route when security is on, and closed to API tokens: only the administrator (basic auth) manages tokens.
/// </summary>
internal static class ApiTokenEndpoints
{
    public static void MapApiTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/v1/tokens");

        // A token never manages tokens: otherwise a leaked token could mint others that outlive its revocation.
        tokens.AddEndpointFilter(async (context, next) =>
            context.HttpContext.User.HasClaim(c => c.Type == ApiTokenAuthenticationHandler.TokenIdClaim)
                ? Results.Json(ApiError.Of("Forbidden: API tokens are managed with the administrator's credentials (basic auth), not with an API token",
                    context.HttpContext.Request.Path.Value ?? "/"), KestraJson.Options, statusCode: StatusCodes.Status403Forbidden)
                : await next(context));

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

        tokens.MapDelete("/{id}", async (string id, IApiTokenRepository repository, TokenRevocations revocations, CancellationToken ct) =>
        {
            if (!await repository.DeleteAsync(id, ct))
            {
                throw new NotFoundException($"API token '{id}' not found");
            }

            revocations.Revoke(id);
            return Results.NoContent();
        });
    }
}
