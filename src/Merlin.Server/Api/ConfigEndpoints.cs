using System.Reflection;
using Merlin.Server.Hosting;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>GET /api/v1/configs</c>: what a UI needs before login, so it is open like in Kestra.</summary>
internal static class ConfigEndpoints
{
    public static void MapConfigEndpoints(this IEndpointRouteBuilder app)
    {
        var version = typeof(ConfigEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        app.MapGet("/api/v1/configs", (MerlinOptions options, PublicUrl publicUrl) => Results.Json(new
        {
            version = version.Split('+')[0],
            url = publicUrl.Value,
            isBasicAuthEnabled = options.Security.BasicAuth.IsConfigured,
            isAnonymousUsageEnabled = false,
            isTaskRunEnabled = false,
            isTemplateEnabled = false,
            isCustomDashboardsEnabled = false,
            systemNamespace = "system",
        }, ApiJson.Options)).AllowAnonymous();
    }
}
