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
        // With security off there is no default scheme, so the authentication middleware that WebApplication adds by
        // itself checks nothing (it cost every request a policy scheme and a handler); UseMerlinSecurity then
        // authenticates only requests that carry an API token.
        services.AddAuthentication(o => o.DefaultScheme = security.IsEnabled ? MerlinSchemes.Default : null)
            .AddPolicyScheme(MerlinSchemes.Default, "Basic or API token", o => o.ForwardDefaultSelector = context =>
                HasBearer(context.Request) ? MerlinSchemes.Bearer : MerlinSchemes.Basic)
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

        if (app.Services.GetRequiredService<SecurityOptions>().IsEnabled)
        {
            app.UseAuthentication();
        }
        else
        {
            // Nothing is checked, but an API token still identifies its caller (token routes refuse tokens); Basic
            // credentials are never read, so a browser's stale header logs no "Failed Basic login".
            app.Use(IdentifyTokenCallerAsync);
        }

        app.UseAuthorization();
        app.UseStreamRevocation();
    }

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(MerlinSchemes.Bearer + " ", StringComparison.OrdinalIgnoreCase);

    private static async Task IdentifyTokenCallerAsync(HttpContext context, RequestDelegate next)
    {
        if (HasBearer(context.Request) && (await context.AuthenticateAsync(MerlinSchemes.Bearer)).Principal is { } caller)
        {
            context.User = caller;
        }

        await next(context);
    }
}
