using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Namespaces;

/// <summary>Kestra's KV routes: typed values in, typed values out, read by flows through <c>kv()</c>.</summary>
[Collection(ServerCollection.Name)]
public sealed class KvApiTests(MerlinServer server)
{
    [Fact]
    public async Task A_value_put_through_the_api_is_read_back_typed_and_by_a_flow()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("tests.kv", "config", "{\"field\": \"value\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("tests.kv", "wait", "\"PT5S\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("tests.kv", "day", "2021-09-01")).StatusCode);

        var config = await server.GetJsonAsync("api/v1/namespaces/tests.kv/kv/config");
        Assert.Equal("JSON", (string?)config["type"]);
        Assert.Equal("value", (string?)config["value"]!["field"]);
        Assert.Equal("DURATION", (string?)(await server.GetJsonAsync("api/v1/namespaces/tests.kv/kv/wait"))["type"]);
        Assert.Equal("DATE", (string?)(await server.GetJsonAsync("api/v1/namespaces/tests.kv/kv/day"))["type"]);
        var keys = (await server.GetJsonAsync("api/v1/namespaces/tests.kv/kv")).AsArray().Select(k => (string?)k!["key"]).ToList();
        Assert.Equal(["config", "day", "wait"], keys.Order());

        await server.CreateFlowAsync("id: reader\nnamespace: tests.kv\ntasks:\n  - id: read\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ kv('config').field }}\"\n");
        var end = await server.ExecuteAsync("tests.kv", "reader");
        Assert.Equal("value", (string?)end["taskRunList"]![0]!["outputs"]!["value"]);
    }

    [Fact]
    public async Task Missing_keys_bad_keys_and_bad_values_get_kestras_statuses()
    {
        var missing = await server.Client.GetAsync("api/v1/namespaces/tests.kv2/kv/nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No value found for key 'nothing' in namespace 'tests.kv2'", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PutAsync("tests.kv2", "-bad", "1")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PutAsync("tests.kv2", "good", "{not json")).StatusCode);

        await PutAsync("tests.kv2", "gone", "true");
        Assert.Equal("true", await (await server.Client.DeleteAsync("api/v1/namespaces/tests.kv2/kv/gone")).Content.ReadAsStringAsync());
        Assert.Equal("false", await (await server.Client.DeleteAsync("api/v1/namespaces/tests.kv2/kv/gone")).Content.ReadAsStringAsync());
        Assert.Empty((await server.GetJsonAsync("api/v1/namespaces/tests.kv2/kv")).AsArray());
    }

    private Task<HttpResponseMessage> PutAsync(string ns, string key, string json) =>
        server.Client.PutAsync($"api/v1/namespaces/{ns}/kv/{key}", new StringContent(json, Encoding.UTF8, "application/json"));
}
