using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

[Collection(ServerCollection.Name)]
public sealed class EvalApiTests(MerlinServer server)
{
    [Fact]
    public async Task A_template_renders_against_the_execution_context_and_an_error_is_an_answer()
    {
        await server.CreateFlowAsync("""
            id: evaluated
            namespace: tests.eval
            inputs:
              - id: name
                type: STRING
                defaults: world
            tasks:
              - id: greet
                type: io.kestra.plugin.core.debug.Return
                format: "hello {{ inputs.name }}"
            """);
        var execution = await server.ExecuteAsync("tests.eval", "evaluated");
        var id = (string)execution["id"]!;
        var taskRunId = (string)execution["taskRunList"]![0]!["id"]!;

        var ok = await EvalAsync(id, taskRunId, "{{ outputs.greet.value | upper }} from {{ flow.id }} ({{ taskrun.id }})");
        Assert.Equal($"HELLO WORLD from evaluated ({taskRunId})", (string?)ok["result"]);
        Assert.Null((string?)ok["error"]);

        var bad = await EvalAsync(id, taskRunId, "{{ outputs.greet.value | nosuchfilter }}");
        Assert.Null((string?)bad["result"]);
        Assert.Contains("nosuchfilter", (string?)bad["error"], StringComparison.Ordinal);

        var missing = await server.Client.PostAsync($"api/v1/executions/{id}/eval/nope", new StringContent("x"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<JsonNode> EvalAsync(string id, string taskRunId, string template)
    {
        var response = await server.Client.PostAsync($"api/v1/executions/{id}/eval/{taskRunId}", new StringContent(template, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
