using System.Net;
using Merlin.Server.Tests.Security;

namespace Merlin.Server.Tests.Ui;

/// <summary>With auth on, the UI is not anonymous: the browser gets a Basic challenge and asks for credentials.</summary>
[Collection(SecuredCollection.Name)]
public sealed class UiSecurityTests(SecuredServer secured)
{
    [Theory]
    [InlineData("")]
    [InlineData("ui/flows")]
    [InlineData("ui/executions/company.team/hello_world/4ZdqZBb8saKRhNczFuSBl8")]
    [InlineData("ui/app.js")]
    public async Task Anonymous_ui_requests_get_a_basic_challenge(string path)
    {
        using var client = secured.Anonymous();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task With_credentials_the_ui_is_served()
    {
        using var response = await secured.Server.Client.GetAsync("ui/flows");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
