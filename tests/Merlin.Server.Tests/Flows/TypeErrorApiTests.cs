using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Flows;

/// <summary>Errors that teach: an unknown task type is answered with the likely fix.</summary>
[Collection(ServerCollection.Name)]
public sealed class TypeErrorApiTests(MerlinServer server)
{
    [Theory]
    [InlineData("io.kestra.plugin.core.log.Logg", "Invalid type: io.kestra.plugin.core.log.Logg; did you mean `io.kestra.plugin.core.log.Log`?")]
    [InlineData("io.kestra.plugin.scripts.r.Script", "io.kestra.plugin.scripts.r.Script is a Kestra plugin not available in Merlin")]
    [InlineData("io.kestra.plugin.jdbc.postgresql.Query", "io.kestra.plugin.jdbc.postgresql.Query is a Kestra plugin not available in Merlin")]
    public async Task Unknown_type_answers_422_with_the_likely_fix_at_its_path(string type, string expected)
    {
        using var response = await server.PostYamlAsync("api/v1/flows", $"id: typo\nnamespace: tests.types\ntasks:\n  - id: t\n    type: {type}\n    message: x\n");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = body["_embedded"]!["errors"]!.AsArray().Single()!;
        Assert.Contains(expected, (string?)detail["message"]);
        Assert.Equal("flow.tasks[0].type", (string?)detail["path"]);
    }
}
