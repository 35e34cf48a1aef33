using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Security;

/// <summary>The execution <c>url</c> comes from Merlin:Url, or the listening address; never from the Host header.</summary>
public sealed class PublicUrlTests
{
    private const string Flow = "id: linked\nnamespace: security.url\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";

    [Fact]
    public async Task The_configured_public_url_is_used_whatever_the_host_header_says()
    {
        var server = MerlinServer.With(o => o.Url = "https://merlin.example.com/base/");
        await server.InitializeAsync();
        try
        {
            var url = await ExecutionUrlWithForgedHostAsync(server);

            Assert.StartsWith("https://merlin.example.com/base/ui/executions/security.url/linked/", url, StringComparison.Ordinal);
            Assert.Equal("https://merlin.example.com/base/", (string?)(await server.GetJsonAsync("api/v1/configs"))["url"]);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_a_configured_url_the_listening_address_is_used_not_the_host_header()
    {
        var server = new MerlinServer();
        await server.InitializeAsync();
        try
        {
            var url = await ExecutionUrlWithForgedHostAsync(server);

            Assert.StartsWith(server.BaseAddress + "ui/executions/security.url/linked/", url, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<string> ExecutionUrlWithForgedHostAsync(MerlinServer server)
    {
        await server.CreateFlowAsync(Flow);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/executions/security.url/linked?wait=true");
        request.Headers.Host = "evil.example.org";
        using var response = await server.Client.SendAsync(request);
        var execution = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, execution.ToJsonString());
        var url = (string)execution["url"]!;
        Assert.DoesNotContain("evil.example.org", url, StringComparison.Ordinal);
        return url;
    }
}
