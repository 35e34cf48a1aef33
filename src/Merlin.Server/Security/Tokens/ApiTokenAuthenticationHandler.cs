using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Merlin.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Merlin.Server.Security.Tokens;

/// <summary>
/// <c>Authorization: Bearer mrl_...</c>: the token's hash is looked up on every request (nothing cached, so a
/// revoke takes effect at once); unknown and expired tokens are refused.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LoginThrottle throttle,
    IApiTokenRepository tokens, TimeProvider time)
    : CredentialsAuthenticationHandler(options, logger, encoder, throttle)
{
    public const string TokenIdClaim = "merlin:token_id";
    public const string ExpiresClaim = "merlin:token_expires";

    protected override async Task<ClaimsPrincipal?> ValidateAsync(string credentials)
    {
        if (!credentials.StartsWith(ApiTokenIssuer.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var token = await tokens.FindByHashAsync(ApiTokenIssuer.Hash(credentials), Context.RequestAborted);
        if (token is null || token.IsExpired(time.GetUtcNow()))
        {
            return null;
        }

        Claim[] claims = token.ExpiresAt is { } expires
            ? [new Claim(TokenIdClaim, token.Id), new Claim(ExpiresClaim, expires.ToString("O", CultureInfo.InvariantCulture))]
            : [new Claim(TokenIdClaim, token.Id)];
        return Principal("token:" + token.Name, claims);
    }
}
