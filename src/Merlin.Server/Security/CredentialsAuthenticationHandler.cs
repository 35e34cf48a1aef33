using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Merlin.Server.Security;

/// <summary>
/// What the Basic and Bearer handlers share: read the Authorization header of their scheme, refuse throttled
/// clients before checking anything, count failures, and answer challenges with Kestra's error body.
/// </summary>
internal abstract class CredentialsAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LoginThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? retryAfter;

    /// <summary>The principal for these credentials (the header value after the scheme name), or null when they are wrong.</summary>
    protected abstract Task<ClaimsPrincipal?> ValidateAsync(string credentials);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var prefix = Scheme.Name + " ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var client = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        retryAfter = throttle.RetryAfter(client);
        if (retryAfter is not null)
        {
            return AuthenticateResult.Fail("too many failed logins");
        }

        var principal = await ValidateAsync(header[prefix.Length..].Trim());
        if (principal is null)
        {
            throttle.RecordFailure(client);
            Logger.LogWarning("Failed {Scheme} login from {Client}", Scheme.Name, client);
            return AuthenticateResult.Fail("invalid credentials");
        }

        throttle.Reset(client);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        retryAfter is { } wait ? Challenges.TooManyAsync(Context, wait) : Challenges.UnauthorizedAsync(Context);

    protected ClaimsPrincipal Principal(string name, params Claim[] claims) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. claims], Scheme.Name));
}
