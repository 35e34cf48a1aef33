using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Merlin.Core.Storage;
using Merlin.Server.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Server.Tests.Security;

[Collection(SecuredCollection.Name)]
public sealed class ApiTokenTests(SecuredServer secured)
{
    private async Task<JsonNode> CreateAsync(object body)
    {
        using var response = await secured.Server.Client.PostAsJsonAsync("api/v1/tokens", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<HttpStatusCode> GetWithTokenAsync(string token, string path = "api/v1/flows/search")
    {
        using var client = secured.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    [Fact]
    public async Task Created_token_is_returned_once_and_authenticates_every_api_route()
    {
        var created = await CreateAsync(new { name = "ci" });
        var token = (string)created["token"]!;
        Assert.StartsWith("mrl_", token);
        Assert.Equal("ci", (string?)created["name"]);
        Assert.NotNull(created["createdAt"]);
        Assert.Null(created["expiresAt"]);

        Assert.Equal(HttpStatusCode.OK, await GetWithTokenAsync(token));
        Assert.Equal(HttpStatusCode.OK, await GetWithTokenAsync(token, "api/v1/executions/search"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetWithTokenAsync(token, "api/v1/tokens")); // tokens are the administrator's

        var listed = await secured.Server.Client.GetStringAsync("api/v1/tokens");
        Assert.Contains((string)created["id"]!, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokenIssuer.Hash(token), listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_token_is_refused_at_once()
    {
        var created = await CreateAsync(new { name = "short-lived", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        var token = (string)created["token"]!;
        Assert.Equal(HttpStatusCode.OK, await GetWithTokenAsync(token));

        using var deleted = await secured.Server.Client.DeleteAsync($"api/v1/tokens/{(string)created["id"]!}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithTokenAsync(token));
        using var again = await secured.Server.Client.DeleteAsync($"api/v1/tokens/{(string)created["id"]!}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        const string secret = "mrl_expired-token-for-the-test";
        var repository = secured.Server.Services.GetRequiredService<IApiTokenRepository>();
        await repository.CreateAsync(new ApiToken("expired1", "old", ApiTokenIssuer.Hash(secret), DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddSeconds(-1)), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithTokenAsync(secret));
    }

    [Fact]
    public async Task Token_routes_need_credentials()
    {
        using var client = secured.Anonymous();

        using var create = await client.PostAsJsonAsync("api/v1/tokens", new { name = "sneaky" });
        using var delete = await client.DeleteAsync("api/v1/tokens/whatever");

        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Theory]
    [InlineData("{}", 422)]
    [InlineData("{\"name\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", 422)]
    [InlineData("{\"name\":", 400)]
    public async Task Invalid_requests_get_kestra_errors(string json, int status)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await secured.Server.Client.PostAsync("api/v1/tokens", content);

        Assert.Equal(status, (int)response.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(response, status == 422 ? "Invalid entity" : "Bad Request");
    }
}
