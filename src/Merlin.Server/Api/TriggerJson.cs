using Merlin.Core.Flows;
using Merlin.Core.Storage;

namespace Merlin.Server.Api;

/// <summary>Kestra's trigger shapes: the trigger context (stored state) and the search row <c>{abstractTrigger, triggerContext}</c>.</summary>
internal static class TriggerJson
{
    public static Dictionary<string, object?> Context(TriggerState state)
    {
        var context = new Dictionary<string, object?>
        {
            ["namespace"] = state.Namespace,
            ["flowId"] = state.FlowId,
            ["triggerId"] = state.TriggerId,
            ["disabled"] = state.Disabled,
        };
        Add(context, "date", state.Date);
        Add(context, "nextExecutionDate", state.NextExecutionDate);
        Add(context, "executionId", state.ExecutionId);
        Add(context, "backfill", state.Backfill);
        if (state.Updated != default)
        {
            context["updatedDate"] = state.Updated;
        }

        return context;
    }

    public static Dictionary<string, object?> Row(Flow flow, TriggerDefinition trigger, TriggerState? state) => new()
    {
        ["abstractTrigger"] = Definition(flow, trigger),
        ["triggerContext"] = Context(state ?? Runtime.Scheduler.TriggerSwitch.Empty(flow, trigger)),
    };

    /// <summary>The trigger as written in the flow (from its document), or its id and type.</summary>
    private static object Definition(Flow flow, TriggerDefinition trigger) =>
        flow.Document.TryGetValue("triggers", out var triggers) && triggers is IEnumerable<object?> list
            && list.OfType<IReadOnlyDictionary<string, object?>>().FirstOrDefault(t => t.TryGetValue("id", out var id) && Equals(id, trigger.Id)) is { } written
            ? written
            : new Dictionary<string, object?> { ["id"] = trigger.Id, ["type"] = trigger.Type, ["disabled"] = trigger.Disabled };

    private static void Add(Dictionary<string, object?> map, string key, object? value)
    {
        if (value is not null)
        {
            map[key] = value;
        }
    }
}
