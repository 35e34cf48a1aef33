using System.Text.Json;

namespace Merlin.Client.Models;

/// <summary>An execution as Kestra returns it; free-form values (inputs, outputs, variables) stay JSON.</summary>
public sealed record Execution
{
    public required string Id { get; init; }
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public int FlowRevision { get; init; }
    public IReadOnlyList<TaskRun> TaskRunList { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement>? Inputs { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Outputs { get; init; }
    public IReadOnlyList<Label> Labels { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement>? Variables { get; init; }
    public required ExecutionState State { get; init; }
    public string? ParentId { get; init; }
    public string? OriginalId { get; init; }
    public ExecutionTrigger? Trigger { get; init; }
    public bool Deleted { get; init; }
    public DateTimeOffset? ScheduleDate { get; init; }

    /// <summary>Kestra's execution kind: null for a normal execution, <c>LOOP</c> for an iteration of a Loop task.</summary>
    public string? Kind { get; init; }

    /// <summary>For a Loop iteration: its parent execution, loop task run and item.</summary>
    public JsonElement? LoopRun { get; init; }

    /// <summary>The execution's page in the web UI (only on the answer to a creation).</summary>
    public string? Url { get; init; }
}
