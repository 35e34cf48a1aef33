using System.Text.Json.Nodes;
using Merlin.Core.Engine;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>One step of a history: <c>(event, now, admitted, ids) -> (actions, execution)</c>.</summary>
internal static class HistoryStep
{
    public static JsonObject Of(ExecutionEvent @event, DateTimeOffset now, int admitted, IEnumerable<Guid> ids, AdvanceResult result) => new()
    {
        ["event"] = HistoryJson.Event(@event),
        ["now"] = HistoryJson.Date(now),
        ["admitted"] = admitted,
        ["ids"] = new JsonArray([.. ids.Select(id => (JsonNode)id.ToString())]),
        ["actions"] = new JsonArray([.. result.Actions.Select(a => (JsonNode)HistoryJson.Action(a))]),
        ["execution"] = HistoryJson.Execution(result.Execution),
    };

    /// <summary>The part of a recorded step that the engine produced, to compare with a replay's.</summary>
    public static JsonObject Outcome(JsonNode step) => new()
    {
        ["actions"] = step["actions"]!.DeepClone(),
        ["execution"] = step["execution"]!.DeepClone(),
    };
}
