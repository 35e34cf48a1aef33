using System.Net;
using System.Net.Http.Headers;
using Merlin.Server.Hosting;
using Merlin.Server.Security.Tokens;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Server.Tests.Security;

public sealed class SecuritySettingsTests
{
    [Fact]
    public void Username_without_password_stops_the_start_up()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "merlin-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => MerlinApp.Build([], o =>
            {
                o.Port = 0;
                o.DataDir = dataDir;
                o.Security.BasicAuth.Username = "admin";
            }));

            Assert.Contains("Password", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Enabled_without_basic_auth_accepts_api_tokens_only()
    {
        var server = MerlinServer.With(o => o.Security.Enabled = true);
        await server.InitializeAsync();
        try
        {
            var (_, secret) = await server.Services.GetRequiredService<ApiTokenIssuer>().IssueAsync("bootstrap", null, CancellationToken.None);

            using var anonymous = await server.Client.GetAsync("api/v1/flows/search");
            using var basic = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search") { Headers = { Authorization = SecuredServer.Basic("admin", "") } });
            using var bearer = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", secret) } });

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
            Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_security_settings_every_route_is_open()
    {
        var server = new MerlinServer();
        await server.InitializeAsync();
        try
        {
            using var response = await server.Client.GetAsync("api/v1/tokens");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_security_a_token_still_names_its_caller_and_a_stale_basic_header_is_ignored()
    {
        var server = new MerlinServer();
        await server.InitializeAsync();
        try
        {
            var (_, secret) = await server.Services.GetRequiredService<ApiTokenIssuer>().IssueAsync("ci", null, CancellationToken.None);

            using var byToken = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/tokens") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", secret) } });
            using var flowsByToken = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", secret) } });
            using var staleBasic = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/tokens") { Headers = { Authorization = SecuredServer.Basic("nobody", "wrong") } });

            Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode); // identified as a token, so kept away from the token routes
            Assert.Equal(HttpStatusCode.OK, flowsByToken.StatusCode);
            Assert.Equal(HttpStatusCode.OK, staleBasic.StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
