using System.Text.Json;
using System.Text.Json.Nodes;
using Merlin.Core.Executions;
using Merlin.Core.Json;

namespace Merlin.Server.Api;

/// <summary>An execution in Kestra's JSON shape, optionally with its UI link.</summary>
internal static class ExecutionJson
{
    public static JsonNode Of(Execution execution, string? baseUrl = null)
    {
        var node = JsonSerializer.SerializeToNode(execution, KestraJson.Options)!;
        if (node["taskRunList"] is JsonArray { Count: 0 })
        {
            node.AsObject().Remove("taskRunList");
        }

        if (baseUrl is not null)
        {
            node["url"] = $"{baseUrl.TrimEnd('/')}/ui/executions/{execution.Namespace}/{execution.FlowId}/{execution.Id}";
        }

        return node;
    }

    public static IResult Result(Execution execution, string? baseUrl = null) =>
        Results.Text(Of(execution, baseUrl).ToJsonString(KestraJson.Options), "application/json");
}
