using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

[Collection(ServerCollection.Name)]
public sealed class InputErrorsApiTests(MerlinServer server)
{
    [Fact]
    public async Task Every_invalid_or_missing_input_is_reported_at_once_each_with_its_path()
    {
        await server.CreateFlowAsync("""
            id: strict
            namespace: tests.inputs.errors
            inputs:
              - id: code
                type: STRING
                validator: "^[a-z]+$"
              - id: count
                type: INT
                max: 3
              - id: needed
                type: STRING
              - id: fine
                type: STRING
                defaults: ok
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.code }}"
            """);
        using var form = new MultipartFormDataContent { { new StringContent("ABC"), "code" }, { new StringContent("9"), "count" } };
        var response = await server.Client.PostAsync("api/v1/executions/tests.inputs.errors/strict", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = body["_embedded"]!["errors"]!.AsArray().Select(e => (string?)e!["path"]).ToList();
        Assert.Equal(["inputs.code", "inputs.count", "inputs.needed"], paths);
        Assert.StartsWith("Invalid entity: Invalid input for `code`", (string?)body["message"], StringComparison.Ordinal);
    }
}
