using System.Text.RegularExpressions;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's newer clients (the generated SDKs, the Python library with a tenant) call
/// <c>/api/v1/{tenant}/executions/...</c>; the open-source server has one tenant, <c>main</c>. Merlin has one too:
/// the tenant segment is dropped before routing, so both spellings reach the same endpoints.
/// </summary>
internal static partial class TenantPaths
{
    public static void UseTenantPaths(this WebApplication app) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value;
        if (path is not null && TenantPrefix().Match(path) is { Success: true } match)
        {
            context.Request.Path = "/api/v1/" + path[match.Length..];
        }

        return next(context);
    });

    // A resource name is never taken for a tenant (so /api/v1/flows/executions stays the flows of namespace "executions").
    [GeneratedRegex("^/api/v1/(?!(flows|executions|logs|metrics|triggers|tokens|configs|namespaces|kv|plugins)/)[a-z0-9][a-z0-9_-]*/(?=(flows|executions|logs|metrics|triggers|tokens|configs|namespaces|kv|plugins)(/|$))")]
    private static partial Regex TenantPrefix();
}
