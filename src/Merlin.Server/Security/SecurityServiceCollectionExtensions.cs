using Merlin.Server.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Server.Security;

/// <summary>
/// Wires authentication (Basic and API-token handlers behind one policy scheme), a fallback authorization
/// policy so every endpoint needs credentials unless it says <c>AllowAnonymous</c>, CORS and form limits.
/// </summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddMerlinSecurity(this IServiceCollection services, SecurityOptions security)
    {
        security.Validate();
        services.AddSingleton(security);
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ApiTokenIssuer>();
        services.AddSingleton<TokenRevocations>();
        // The handlers' base class logs every challenge at Information; failed logins are logged as warnings.
        services.AddLogging(b => b.AddFilter(typeof(CredentialsAuthenticationHandler).Namespace, LogLevel.Warning));
        services.AddAuthentication(MerlinSchemes.Default)
            .AddPolicyScheme(MerlinSchemes.Default, "Basic or API token", o => o.ForwardDefaultSelector = context =>
                // With security off Basic credentials are never checked (the Bearer handler ignores them), so a browser's
                // stale header logs no "Failed Basic login"; tokens still identify their caller (token routes refuse them).
                context.Request.Headers.Authorization.ToString().StartsWith(MerlinSchemes.Bearer + " ", StringComparison.OrdinalIgnoreCase) || !security.IsEnabled
                    ? MerlinSchemes.Bearer
                    : MerlinSchemes.Basic)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(MerlinSchemes.Basic, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(MerlinSchemes.Bearer, null);
        services.AddAuthorization(o =>
        {
            if (security.IsEnabled)
            {
                o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
        if (security.AllowedOrigins.Length > 0)
        {
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(security.AllowedOrigins)
                .AllowAnyHeader().AllowAnyMethod().AllowCredentials().WithExposedHeaders("WWW-Authenticate", "Retry-After")));
        }

        // Kestrel's MaxRequestBodySize is the one limit (413); the form reader's own 128 MB cap would answer 400 first.
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = long.MaxValue);
        return services;
    }

    /// <summary>Routing, CORS (only when origins are configured), authentication, authorization and the revocation of open streams, in that order.</summary>
    public static void UseMerlinSecurity(this WebApplication app)
    {
        app.UseRouting();
        if (app.Services.GetRequiredService<SecurityOptions>().AllowedOrigins.Length > 0)
        {
            app.UseCors();
        }

        // WebApplication adds the authentication middleware by itself when it is not used here, so the default scheme
        // decides what is checked with security off (see AddMerlinSecurity).
        if (app.Services.GetRequiredService<SecurityOptions>().IsEnabled)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        app.UseStreamRevocation();
    }
}
