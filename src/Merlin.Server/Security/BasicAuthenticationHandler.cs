using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Merlin.Server.Security;

/// <summary><c>Authorization: Basic base64(user:password)</c> against the configured account, compared in constant time.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LoginThrottle throttle, SecurityOptions security)
    : CredentialsAuthenticationHandler(options, logger, encoder, throttle)
{
    protected override Task<ClaimsPrincipal?> ValidateAsync(string credentials)
    {
        var account = security.BasicAuth;
        if (!account.IsConfigured || Decode(credentials) is not var (user, password))
        {
            return Task.FromResult<ClaimsPrincipal?>(null);
        }

        // Both comparisons always run (no short-circuit), so timing tells nothing about which one failed.
        var valid = SecretComparer.AreEqual(user, account.Username) & SecretComparer.AreEqual(password, account.Password);
        return Task.FromResult(valid ? Principal(user) : null);
    }

    private static (string User, string Password)? Decode(string credentials)
    {
        var bytes = new byte[(credentials.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(credentials, bytes, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
