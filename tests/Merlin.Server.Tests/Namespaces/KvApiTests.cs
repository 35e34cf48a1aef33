using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Namespaces;

[Collection(ServerCollection.Name)]
public sealed class KvApiTests(MerlinServer server)
{
    private async Task<HttpResponseMessage> PutAsync(string key, string body, string? ttl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/namespaces/tests.kv/kv/{key}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ttl is not null)
        {
            request.Headers.Add("ttl", ttl);
        }

        return await server.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("\"hello\"", "STRING", "\"hello\"")]
    [InlineData("42", "NUMBER", "42")]
    [InlineData("true", "BOOLEAN", "true")]
    [InlineData("{\"a\":[1,2]}", "JSON", "{\"a\":[1,2]}")]
    [InlineData("2021-09-01", "DATE", "\"2021-09-01\"")]
    [InlineData("2021-09-01T01:02:03Z", "DATETIME", "\"2021-09-01T01:02:03Z\"")]
    [InlineData("\"PT5S\"", "DURATION", "\"PT5S\"")]
    public async Task Put_then_get_returns_the_typed_value(string body, string type, string value)
    {
        var key = "typed_" + type.ToLowerInvariant();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(key, body)).StatusCode);

        var got = await server.GetJsonAsync($"api/v1/namespaces/tests.kv/kv/{key}");
        Assert.Equal(type, (string?)got["type"]);
        Assert.Equal(value, got["value"]!.ToJsonString());
    }

    [Fact]
    public async Task List_shows_keys_with_expiration_and_delete_says_whether_the_key_existed()
    {
        await PutAsync("listed", "\"x\"", ttl: "PT1H");
        var list = (await server.GetJsonAsync("api/v1/namespaces/tests.kv/kv")).AsArray();
        var listed = list.Single(e => (string?)e!["key"] == "listed")!;
        Assert.NotNull((string?)listed["expirationDate"]);
        Assert.NotNull((string?)listed["updateDate"]);

        Assert.Equal("true", await (await server.Client.DeleteAsync("api/v1/namespaces/tests.kv/kv/listed")).Content.ReadAsStringAsync());
        Assert.Equal("false", await (await server.Client.DeleteAsync("api/v1/namespaces/tests.kv/kv/listed")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/v1/namespaces/tests.kv/kv/listed")).StatusCode);
    }

    [Fact]
    public async Task Delete_several_returns_the_keys_deleted()
    {
        await PutAsync("many_a", "1");
        await PutAsync("many_b", "2");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/v1/namespaces/tests.kv/kv")
        {
            Content = new StringContent("{\"keys\":[\"many_a\",\"many_b\",\"many_missing\"]}", Encoding.UTF8, "application/json"),
        };
        var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["many_a", "many_b"], JsonNode.Parse(await response.Content.ReadAsStringAsync())!["keys"]!.AsArray().Select(k => (string)k!));
    }

    [Theory]
    [InlineData("bad key!", "1", null, "does not match the pattern")]
    [InlineData("fine", "not json", null, "Invalid JSON value")]
    [InlineData("fine", "1", "soon", "Invalid ttl")]
    public async Task Bad_input_is_a_422_with_a_clear_message(string key, string body, string? ttl, string message)
    {
        var response = await PutAsync(Uri.EscapeDataString(key), body, ttl);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"], StringComparison.Ordinal);
    }
}
