using System.Text.Json;
using System.Text.Json.Nodes;
using Merlin.Core.Engine;
using Merlin.Core.Json;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// An executor event as the queue table stores it: <c>{"type": "TaskRunReported", "event": {...}}</c>. A terminal
/// <see cref="ExecutionEvent.SubflowReported"/> travels without its child and flow, which the executor's side reads
/// back from the store (<see cref="PostgresExecutionQueue"/>).
/// </summary>
public static class ExecutionEventJson
{
    private static readonly Dictionary<string, Type> Types = typeof(ExecutionEvent).GetNestedTypes()
        .Where(t => t.IsSubclassOf(typeof(ExecutionEvent)))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static string Serialize(ExecutionEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (@event is ExecutionEvent.SubflowReported reported)
        {
            @event = reported with { Child = null, ChildFlow = null };
        }

        var envelope = new JsonObject
        {
            ["type"] = @event.GetType().Name,
            ["event"] = JsonSerializer.SerializeToNode(@event, @event.GetType(), KestraJson.Options),
        };
        return envelope.ToJsonString(KestraJson.Options);
    }

    public static ExecutionEvent Deserialize(string json)
    {
        var envelope = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("An empty queued event");
        var name = (string?)envelope["type"] ?? throw new JsonException("A queued event without its type");
        if (!Types.TryGetValue(name, out var type))
        {
            throw new JsonException($"Unknown queued event type '{name}'");
        }

        return (ExecutionEvent)(envelope["event"].Deserialize(type, KestraJson.Options) ?? throw new JsonException($"An empty queued {name}"));
    }
}
