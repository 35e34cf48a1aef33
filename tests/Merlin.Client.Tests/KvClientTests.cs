using System.Net;

namespace Merlin.Client.Tests;

public sealed class KvClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>
{
    private MerlinClient Client => fixture.Client;

    [Fact]
    public async Task Set_get_list_and_delete_typed_values_with_a_ttl()
    {
        await Client.Kv.SetAsync("client.kv", "name", "ada");
        await Client.Kv.SetAsync("client.kv", "count", 42, ttl: TimeSpan.FromHours(1));
        await Client.Kv.SetAsync("client.kv", "config", new { retries = 3 });

        var name = await Client.Kv.GetAsync("client.kv", "name");
        var count = await Client.Kv.GetAsync("client.kv", "count");
        var config = await Client.Kv.GetAsync("client.kv", "config");
        var keys = await Client.Kv.ListAsync("client.kv");

        Assert.Equal(("STRING", "ada"), (name.Type, name.Value.GetString()));
        Assert.Equal(("NUMBER", 42), (count.Type, count.Value.GetInt32()));
        Assert.Equal(("JSON", 3), (config.Type, config.Value.GetProperty("retries").GetInt32()));
        Assert.Equal(["config", "count", "name"], keys.Select(k => k.Key));
        Assert.NotNull(keys.Single(k => k.Key == "count").ExpirationDate);

        Assert.True(await Client.Kv.DeleteAsync("client.kv", "name"));
        Assert.False(await Client.Kv.DeleteAsync("client.kv", "name"));
        var missing = await Assert.ThrowsAsync<MerlinApiException>(() => Client.Kv.GetAsync("client.kv", "name"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
