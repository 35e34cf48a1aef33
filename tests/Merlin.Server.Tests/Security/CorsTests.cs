using System.Net;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Security;

[Collection(SecuredCollection.Name)]
public sealed class CorsTests(SecuredServer secured)
{
    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "api/v1/flows/search")
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "GET" },
            { "Access-Control-Request-Headers", "authorization" },
        },
    };

    [Fact]
    public async Task Configured_origin_passes_the_preflight_without_credentials()
    {
        using var client = secured.Anonymous();

        using var response = await client.SendAsync(Preflight(SecuredServer.AllowedOrigin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(SecuredServer.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Other_origins_get_no_cors_headers()
    {
        using var client = secured.Anonymous();

        using var response = await client.SendAsync(Preflight("https://evil.example.com"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_is_off_by_default()
    {
        await using var server = new MerlinServer();
        await server.InitializeAsync();

        using var preflight = await server.Client.SendAsync(Preflight(SecuredServer.AllowedOrigin));
        using var get = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search") { Headers = { { "Origin", SecuredServer.AllowedOrigin } } });

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(get.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
