using System.Text.Json.Nodes;
using Merlin.Core.Plugins.Schemas;
using Merlin.Runtime.Errors;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's <c>GET /api/v1/plugins/schemas/{type}</c>: the JSON Schema of a flow (<c>flow</c>) or of one task or
/// trigger (<c>task</c>, <c>trigger</c>, with <c>arrayOf=true</c> for a list of them). Generated once from the plugin
/// registry, so the editor's autocompletion knows every registered type.
/// </summary>
internal static class PluginEndpoints
{
    public static void MapPluginEndpoints(this IEndpointRouteBuilder app)
    {
        var flow = new Lazy<JsonObject>(() => app.ServiceProvider.GetRequiredService<FlowSchemaGenerator>().Generate());
        app.MapGet("/api/v1/plugins/schemas/{type}", (string type, bool? arrayOf) =>
        {
            var schema = type.ToLowerInvariant() switch
            {
                "flow" => flow.Value,
                "task" or "trigger" => Of(flow.Value, type.ToLowerInvariant(), arrayOf == true),
                _ => throw new NotFoundException($"no schema of type '{type}' (flow, task and trigger are served)"),
            };
            return Results.Text(schema.ToJsonString(), "application/json");
        });
    }

    /// <summary>One union (task, trigger) as the root, sharing the flow schema's definitions.</summary>
    private static JsonObject Of(JsonObject flow, string union, bool arrayOf)
    {
        JsonNode reference = new JsonObject { ["$ref"] = "#/definitions/" + union };
        var root = arrayOf ? new JsonObject { ["type"] = "array", ["items"] = reference } : (JsonObject)reference;
        root["$schema"] = flow["$schema"]!.DeepClone();
        root["definitions"] = flow["definitions"]!.DeepClone();
        return root;
    }
}
