using Merlin.Server.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;

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
        // With security off no scheme is registered at all: WebApplication adds the authentication middleware by itself
        // whenever authentication services exist, so skipping UseAuthentication alone would still check (and log as a
        // "Failed Basic login") a browser's stale Authorization header.
        var authentication = services.AddAuthentication();
        if (security.IsEnabled)
        {
            authentication.AddPolicyScheme(MerlinSchemes.Default, "Basic or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(MerlinSchemes.Bearer + " ", StringComparison.OrdinalIgnoreCase)
                    ? MerlinSchemes.Bearer
                    : MerlinSchemes.Basic)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(MerlinSchemes.Basic, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(MerlinSchemes.Bearer, null);
            services.Configure<AuthenticationOptions>(o => o.DefaultScheme = MerlinSchemes.Default);
        }

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

        // With security off no credentials are checked (no scheme is registered either), so none can fail.
        if (app.Services.GetRequiredService<SecurityOptions>().IsEnabled)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        app.UseStreamRevocation();
    }
}
