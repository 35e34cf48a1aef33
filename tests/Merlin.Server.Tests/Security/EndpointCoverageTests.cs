using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Server.Tests.Security;

/// <summary>
/// Every mapped endpoint, called anonymously with security on, answers 401 unless it is one of the routes left
/// open on purpose, so a route added later cannot slip through unprotected.
/// </summary>
[Collection(SecuredCollection.Name)]
public sealed class EndpointCoverageTests(SecuredServer secured)
{
    /// <summary>The documented open routes (see docs/architecture.md, "Security"): route pattern prefixes.</summary>
    private static readonly string[] OpenRoutes = ["/health", "/health/", "/api/v1/configs", "/api/v1/executions/webhook/", "/", "/ui", "/ui/"];

    private static bool IsOpen(string pattern) =>
        OpenRoutes.Any(open => pattern == open || (open.Length > 1 && open.EndsWith('/') && pattern.StartsWith(open, StringComparison.Ordinal)));

    private List<(string Method, RouteEndpoint Endpoint)> Endpoints() =>
        secured.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e)))
            .ToList();

    [Fact]
    public void The_endpoint_list_is_found()
    {
        var patterns = Endpoints().Select(e => e.Endpoint.RoutePattern.RawText).ToList();

        Assert.Contains("/api/v1/flows/{namespace}/{id}", patterns);
        Assert.Contains("/api/v1/tokens/{id}", patterns);
        Assert.Contains("/health", patterns);
    }

    [Fact]
    public async Task Every_endpoint_but_the_open_ones_answers_401_to_anonymous_calls()
    {
        using var client = secured.Anonymous();
        var failures = new List<string>();
        foreach (var (method, endpoint) in Endpoints())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            using var request = new HttpRequestMessage(new HttpMethod(method), Url(endpoint.RoutePattern))
            {
                Content = method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
            };
            using var response = await client.SendAsync(request);
            var expectUnauthorized = !IsOpen(pattern);
            if ((response.StatusCode == HttpStatusCode.Unauthorized) != expectUnauthorized)
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, "endpoints with the wrong protection:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Only_the_open_routes_are_marked_allow_anonymous()
    {
        var anonymous = Endpoints()
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.Endpoint.RoutePattern.RawText ?? "")
            .Where(p => !IsOpen(p))
            .ToList();

        Assert.Empty(anonymous);
    }

    /// <summary>A concrete URL for a route pattern: every parameter (catch-all included) becomes a plain segment.</summary>
    private static string Url(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "x" + parameter.Name,
            _ => "",
        })));
        return string.Join('/', segments);
    }
}
