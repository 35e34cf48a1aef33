using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Scripts;

/// <summary>Reading a script test's execution: a task's outputs and state, a stored file, the processes left.</summary>
internal static class ScriptRuns
{
    public static JsonNode Run(JsonNode execution, string taskId) =>
        execution["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == taskId)!;

    public static JsonNode Outputs(JsonNode execution, string taskId) => Run(execution, taskId)["outputs"]!;

    public static string State(JsonNode execution, string taskId) => (string)Run(execution, taskId)["state"]!["current"]!;

    public static async Task<string> DownloadAsync(MerlinServer server, JsonNode execution, string uri) =>
        await server.Client.GetStringAsync($"api/v1/executions/{execution["id"]}/file?path={Uri.EscapeDataString(uri)}");
}
