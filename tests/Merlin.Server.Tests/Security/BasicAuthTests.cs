using System.Net;

namespace Merlin.Server.Tests.Security;

[Collection(SecuredCollection.Name)]
public sealed class BasicAuthTests(SecuredServer secured)
{
    public static TheoryData<string, string> RouteGroups => new()
    {
        { "GET", "api/v1/flows/search" },
        { "GET", "api/v1/flows/company.team" },
        { "GET", "api/v1/executions/search" },
        { "GET", "api/v1/logs/no_such_execution" },
        { "GET", "api/v1/tokens" },
    };

    [Theory]
    [MemberData(nameof(RouteGroups))]
    public async Task Route_needs_credentials(string method, string path)
    {
        using var client = secured.Anonymous();

        using var anonymous = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic realm=\"Merlin\"", anonymous.Headers.WwwAuthenticate.ToString());
        await ApiErrorAssert.IsKestraErrorAsync(anonymous, "Unauthorized");

        using var wrong = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Headers = { Authorization = SecuredServer.Basic("admin", "nope") } });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Basic realm=\"Merlin\"", wrong.Headers.WwwAuthenticate.ToString());

        using var wrongUser = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Headers = { Authorization = SecuredServer.Basic("root", SecuredServer.Password) } });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUser.StatusCode);

        using var right = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Headers = { Authorization = SecuredServer.Basic(SecuredServer.User, SecuredServer.Password) } });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic YWRtaW4=")] // "admin" without a colon
    [InlineData("Bearer not-a-merlin-token")]
    [InlineData("Digest whatever")]
    public async Task Malformed_credentials_are_refused_with_401(string header)
    {
        using var client = secured.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(response, "Unauthorized");
    }

    [Fact]
    public async Task Unmapped_paths_need_credentials_too()
    {
        using var client = secured.Anonymous();

        using var anonymous = await client.GetAsync("not/a/route");
        using var authorized = await secured.Server.Client.GetAsync("not/a/route");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, authorized.StatusCode);
    }

    [Theory]
    [InlineData("health")]
    [InlineData("health/liveness")]
    [InlineData("health/readiness")]
    [InlineData("api/v1/configs")]
    public async Task Open_routes_answer_without_credentials(string path)
    {
        using var client = secured.Anonymous();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Configs_tell_that_basic_auth_is_on_and_never_reveal_the_password()
    {
        using var client = secured.Anonymous();

        var text = await client.GetStringAsync("api/v1/configs");

        Assert.Contains("\"isBasicAuthEnabled\":true", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SecuredServer.Password, text.Replace("\"isBasicAuthEnabled\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
