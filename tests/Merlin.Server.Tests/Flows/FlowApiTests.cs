using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Flows;

[Collection(ServerCollection.Name)]
public sealed class FlowApiTests(MerlinServer server)
{
    private const string CreatedByApi = "id: created_by_api\nnamespace: company.team\n\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: Hello World! 🚀";

    [Fact]
    public async Task Create_returns_kestra_shape_with_source_byte_for_byte()
    {
        var flow = await server.CreateFlowAsync(CreatedByApi);

        Assert.Equal("created_by_api", (string?)flow["id"]);
        Assert.Equal("company.team", (string?)flow["namespace"]);
        Assert.Equal(1, (int?)flow["revision"]);
        Assert.False((bool?)flow["deleted"]);
        Assert.False((bool?)flow["disabled"]);
        Assert.Equal("io.kestra.plugin.core.log.Log", (string?)flow["tasks"]![0]!["type"]);
        Assert.Equal("Hello World! 🚀", (string?)flow["tasks"]![0]!["message"]);
        Assert.Equal(CreatedByApi, (string?)flow["source"]);
    }

    [Fact]
    public async Task Create_twice_is_a_conflict()
    {
        var yaml = Flow("twice");
        await server.CreateFlowAsync(yaml);
        var response = await server.PostYamlAsync("api/v1/flows", yaml);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already exists", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
    }

    [Fact]
    public async Task Update_bumps_revision_only_when_the_source_changes()
    {
        await server.CreateFlowAsync(Flow("revs"));
        var same = await server.PostYamlAsync("api/v1/flows/tests.flows/revs", Flow("revs"), HttpMethod.Put);
        Assert.Equal(1, (int?)JsonNode.Parse(await same.Content.ReadAsStringAsync())!["revision"]);

        var changed = await server.PostYamlAsync("api/v1/flows/tests.flows/revs", Flow("revs") + "\n# a comment", HttpMethod.Put);
        Assert.Equal(2, (int?)JsonNode.Parse(await changed.Content.ReadAsStringAsync())!["revision"]);

        var revisions = (await server.GetJsonAsync("api/v1/flows/tests.flows/revs/revisions")).AsArray();
        Assert.Equal([1, 2], revisions.Select(r => (int)r!["revision"]!));

        var first = await server.GetJsonAsync("api/v1/flows/tests.flows/revs?revision=1&source=true");
        Assert.Equal(Flow("revs"), (string?)first["source"]);
    }

    [Fact]
    public async Task Delete_writes_a_deleted_revision_and_recreate_continues_numbering()
    {
        await server.CreateFlowAsync(Flow("gone"));
        var delete = await server.Client.DeleteAsync("api/v1/flows/tests.flows/gone");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/v1/flows/tests.flows/gone")).StatusCode);

        var recreated = await server.CreateFlowAsync(Flow("gone"));
        Assert.Equal(3, (int?)recreated["revision"]);
        var deleted = await server.GetJsonAsync("api/v1/flows/tests.flows/gone?revision=2");
        Assert.True((bool?)deleted["deleted"]);
    }

    [Theory]
    [InlineData("id: bad id\nnamespace: tests.flows\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x", "flow.id")]
    [InlineData("id: ok\nnamespace: Tests\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x", "flow.namespace")]
    [InlineData("id: ok\nnamespace: tests.flows\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Nope\n    message: x", "Invalid type: io.kestra.plugin.core.log.Nope")]
    [InlineData("id: ok\nnamespace: tests.flows\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n    unknown: 1", "Unrecognized field \"unknown\"")]
    [InlineData("id: ok\nnamespace: tests.flows\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: y", "Duplicate task id")]
    [InlineData("id: ok\nnamespace: tests.flows\nnamespace: other\ntasks: []", "Duplicate key")]
    [InlineData("id: ok\nnamespace: tests.flows\ntasks: [", "Invalid YAML")]
    [InlineData("id: ok\nnamespace: tests.flows\ntasks: []", "must not be empty")]
    public async Task Invalid_flows_get_422_with_what_and_where(string yaml, string expected)
    {
        var response = await server.PostYamlAsync("api/v1/flows", yaml);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = JsonNode.Parse(body)!;
        Assert.Contains(expected, (string?)error["message"], StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(error["_embedded"]?["errors"]);
    }

    [Fact]
    public async Task Unknown_property_error_names_line_and_column()
    {
        var response = await server.PostYamlAsync("api/v1/flows", "id: ok\nnamespace: tests.flows\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    mesage: x");
        var message = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"];
        Assert.Contains("line 6, column 5", message);
    }

    [Fact]
    public async Task Empty_body_is_a_bad_request()
    {
        var response = await server.PostYamlAsync("api/v1/flows", "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Old_type_names_are_aliases()
    {
        var flow = await server.CreateFlowAsync("id: alias\nnamespace: tests.flows\ntasks:\n  - id: a\n    type: io.kestra.core.tasks.log.Log\n    message: x");
        Assert.Equal("io.kestra.core.tasks.log.Log", (string?)flow["tasks"]![0]!["type"]);
    }

    [Fact]
    public async Task Unknown_flow_is_404_with_error_body()
    {
        var response = await server.Client.GetAsync("api/v1/flows/tests.flows/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not found", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_namespace_list_validate_and_bulk()
    {
        await server.CreateFlowAsync("id: s1\nnamespace: tests.search\nlabels:\n  team: a\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x");
        await server.CreateFlowAsync("id: s2\nnamespace: tests.search.sub\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x");

        var search = await server.GetJsonAsync("api/v1/flows/search?namespace=tests.search&size=10");
        Assert.Equal(2, (int?)search["total"]);
        var labelled = await server.GetJsonAsync("api/v1/flows/search?labels=team:a");
        Assert.Equal("s1", (string?)labelled["results"]![0]!["id"]);
        Assert.Single((await server.GetJsonAsync("api/v1/flows/tests.search")).AsArray());

        var validate = await server.PostYamlAsync("api/v1/flows/validate", Flow("v1") + "\n---\nid: v2\nnamespace: tests.flows\ntasks: []");
        var results = JsonNode.Parse(await validate.Content.ReadAsStringAsync())!.AsArray();
        Assert.Null(results[0]!["constraints"]);
        Assert.Contains("must not be empty", (string?)results[1]!["constraints"]);

        var bulk = await server.PostYamlAsync("api/v1/flows/bulk", Flow("b1") + "\n---\n" + Flow("b2"));
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await bulk.Content.ReadAsStringAsync())!.AsArray().Count);

        var badBulk = await server.PostYamlAsync("api/v1/flows/bulk", Flow("b3") + "\n---\nid: b4\nnamespace: tests.flows\ntasks: []");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badBulk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/v1/flows/tests.flows/b3")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api_routes()
    {
        var document = await server.GetJsonAsync("openapi/v1.json");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/flows", paths);
        Assert.Contains("/api/v1/executions/{namespace}/{flowId}", paths);
    }

    private static string Flow(string id) =>
        $"id: {id}\nnamespace: tests.flows\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi";
}
