using System.Net;
using Merlin.Server.Tests.Security;

namespace Merlin.Server.Tests.Ui;

/// <summary>
/// With auth on, the UI's files (no data) are served to anyone, so the app can show its login page; the API it calls
/// stays protected, and answers the UI's marked calls without a Basic challenge (no browser prompt).
/// </summary>
[Collection(SecuredCollection.Name)]
public sealed class UiSecurityTests(SecuredServer secured)
{
    [Theory]
    [InlineData("ui/flows")]
    [InlineData("ui/login")]
    [InlineData("ui/executions/company.team/hello_world/4ZdqZBb8saKRhNczFuSBl8")]
    [InlineData("ui/app.js")]
    public async Task Anonymous_ui_file_requests_are_served(string path)
    {
        using var client = secured.Anonymous();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_api_refuses_anonymous_ui_calls_without_a_browser_challenge_and_challenges_other_clients()
    {
        using var client = secured.Anonymous();
        using var fromUi = new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search");
        fromUi.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var uiResponse = await client.SendAsync(fromUi);
        using var other = await client.GetAsync("api/v1/flows/search");

        Assert.Equal(HttpStatusCode.Unauthorized, uiResponse.StatusCode);
        Assert.Empty(uiResponse.Headers.WwwAuthenticate);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Contains(other.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task With_credentials_the_ui_is_served()
    {
        using var response = await secured.Server.Client.GetAsync("ui/flows");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
