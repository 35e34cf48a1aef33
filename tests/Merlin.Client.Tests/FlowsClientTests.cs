using System.Net;

namespace Merlin.Client.Tests;

public sealed class FlowsClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>
{
    private MerlinClient Client => fixture.Client;

    private static string Flow(string ns, string id, string message = "hi") => $"""
        id: {id}
        namespace: {ns}
        description: a flow
        labels:
          team: data
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: {message}
        """;

    [Fact]
    public async Task Create_get_update_list_search_revisions_delete_round_trip_typed()
    {
        var created = await Client.Flows.CreateAsync(Flow("client.flows", "crud"));
        Assert.Equal(("client.flows", "crud", 1), (created.Namespace, created.Id, created.Revision));
        Assert.Equal("a flow", created.Description);
        Assert.Equal("io.kestra.plugin.core.log.Log", created.Tasks!.Single().GetProperty("type").GetString());
        Assert.Contains(created.Properties!["labels"].EnumerateArray(), l => l.GetProperty("key").GetString() == "team" && l.GetProperty("value").GetString() == "data");

        var same = await Client.Flows.UpdateAsync("client.flows", "crud", Flow("client.flows", "crud"));
        var changed = await Client.Flows.UpdateAsync("client.flows", "crud", Flow("client.flows", "crud", "changed"));
        Assert.Equal(1, same.Revision);
        Assert.Equal(2, changed.Revision);

        var got = await Client.Flows.GetAsync("client.flows", "crud", source: true);
        var first = await Client.Flows.GetAsync("client.flows", "crud", revision: 1);
        Assert.Contains("changed", got.Source);
        Assert.Equal(1, first.Revision);
        Assert.Equal(2, (await Client.Flows.GetRevisionsAsync("client.flows", "crud")).Count);
        Assert.Single(await Client.Flows.ListAsync("client.flows"));
        var found = await Client.Flows.SearchAsync(query: "crud", @namespace: "client");
        Assert.Equal(1, found.Total);

        await Client.Flows.DeleteAsync("client.flows", "crud");
        var missing = await Assert.ThrowsAsync<MerlinApiException>(() => Client.Flows.GetAsync("client.flows", "crud"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.StartsWith("Not Found:", missing.Error!.Message);
    }

    [Fact]
    public async Task Invalid_flow_throws_with_kestras_error_body_and_each_violation()
    {
        var error = await Assert.ThrowsAsync<MerlinApiException>(() =>
            Client.Flows.CreateAsync("id: bad\nnamespace: client.flows\ntasks:\n  - id: x\n    type: io.kestra.plugin.core.log.Log\n    mesage: x\n"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.StartsWith("Invalid entity:", error.Message);
        Assert.Contains(error.Details, d => d.Message.Contains("mesage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_answers_per_document_and_deploy_is_idempotent()
    {
        var validations = await Client.Flows.ValidateAsync(Flow("client.deploy", "ok") + "\n---\nid: x\nnamespace: client.deploy\ntasks: 1\n");
        Assert.True(validations[0].IsValid);
        Assert.Equal("ok", validations[0].Flow);
        Assert.False(validations[1].IsValid);

        var yaml = Flow("client.deploy", "a") + "\n---\n" + Flow("client.deploy", "b");
        var first = await Client.Flows.DeployAsync(yaml, "client.deploy");
        var second = await Client.Flows.DeployAsync(yaml, "client.deploy");
        Assert.Equal(first.Select(f => f.Revision), second.Select(f => f.Revision));

        await Client.Flows.DeployAsync(Flow("client.deploy", "a"), "client.deploy", deleteMissing: true);
        Assert.Equal(["a"], (await Client.Flows.ListAsync("client.deploy")).Select(f => f.Id));
    }
}
