using System.Net;
using System.Text.Json.Nodes;
using Merlin.Core.Plugins;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Schemas;

[Collection(ServerCollection.Name)]
public sealed class FlowSchemaApiTests(MerlinServer server)
{
    [Fact]
    public async Task Flow_schema_describes_every_registered_task_trigger_and_condition()
    {
        var schema = await server.GetJsonAsync("api/v1/plugins/schemas/flow");
        var definitions = schema["definitions"]!.AsObject();
        var registry = PluginRegistry.Create(typeof(global::Merlin.Plugins.PluginsAssembly).Assembly);

        foreach (var type in registry.Types)
        {
            var name = PluginRegistry.CanonicalName(type);
            Assert.True(definitions.ContainsKey(name), $"{name} has no definition");
            var kind = PluginRegistry.KindOf(type).ToString().ToLowerInvariant();
            Assert.Equal(kind, (string?)definitions[name]!["x-kind"]);
            var union = definitions[kind]!["anyOf"]!.AsArray().Select(r => (string?)r!["$ref"]);
            Assert.Contains("#/definitions/" + name, union);
        }

        Assert.Equal("#/definitions/task", (string?)schema["properties"]!["tasks"]!["items"]!["$ref"]);
        Assert.Equal("#/definitions/trigger", (string?)schema["properties"]!["triggers"]!["items"]!["$ref"]);
        Assert.Equal(["id", "namespace", "tasks"], schema["required"]!.AsArray().Select(r => (string)r!).Order());
    }

    [Fact]
    public async Task A_task_definition_has_its_properties_required_list_aliases_and_documentation()
    {
        var schema = await server.GetJsonAsync("api/v1/plugins/schemas/flow");
        var log = schema["definitions"]!["io.kestra.plugin.core.log.Log"]!;

        Assert.Equal(["io.kestra.plugin.core.log.Log", "io.kestra.core.tasks.log.Log"], log["properties"]!["type"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("message", log["required"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("id", log["required"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["TRACE", "DEBUG", "INFO", "WARN", "ERROR"], log["properties"]!["level"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("boolean", (string?)log["properties"]!["allowFailure"]!["type"]);
        Assert.StartsWith("Logs a message", (string?)log["description"]);
        Assert.False((bool)log["x-flowable"]!);

        var ifTask = schema["definitions"]!["io.kestra.plugin.core.flow.If"]!;
        Assert.True((bool)ifTask["x-flowable"]!);
        Assert.Equal("#/definitions/task", (string?)ifTask["properties"]!["then"]!["items"]!["$ref"]);
    }

    [Fact]
    public async Task Task_schema_as_array_and_unknown_schema_type()
    {
        var tasks = await server.GetJsonAsync("api/v1/plugins/schemas/task?arrayOf=true");
        Assert.Equal("array", (string?)tasks["type"]);
        Assert.Equal("#/definitions/task", (string?)tasks["items"]!["$ref"]);
        Assert.NotNull(tasks["definitions"]!["io.kestra.plugin.core.debug.Return"]);

        var unknown = await server.Client.GetAsync("api/v1/plugins/schemas/dashboard");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("Not Found:", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["message"]);
    }
}
