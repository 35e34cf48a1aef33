using System.Collections.Immutable;
using Merlin.Core.Flows;

namespace Merlin.Core.Executions;

/// <summary>A flow execution, immutable: every change makes a new value (Kestra's <c>Execution</c>).</summary>
public sealed record Execution
{
    public required string Id { get; init; }
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public required int FlowRevision { get; init; }
    public ImmutableList<TaskRun> TaskRunList { get; init; } = [];
    public IReadOnlyDictionary<string, object?>? Inputs { get; init; }
    public IReadOnlyDictionary<string, object?>? Outputs { get; init; }
    public ImmutableList<Label> Labels { get; init; } = [];
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    public required State State { get; init; }
    public string? ParentId { get; init; }
    public required string OriginalId { get; init; }
    public ExecutionTrigger? Trigger { get; init; }
    public bool Deleted { get; init; }
    public required ExecutionMetadata Metadata { get; init; }
    public DateTimeOffset? ScheduleDate { get; init; }

    /// <summary>Kestra's execution kind: null for a normal execution, <see cref="LoopKind"/> for a Loop iteration.</summary>
    public string? Kind { get; init; }

    /// <summary>Set on a Loop iteration (<see cref="Kind"/> LOOP): its parent, loop task run and item.</summary>
    public LoopRun? LoopRun { get; init; }

    public const string LoopKind = "LOOP";

    public TaskRun? FindTaskRun(string id) => TaskRunList.Find(t => t.Id == id);

    public Execution WithTaskRun(TaskRun taskRun)
    {
        var index = TaskRunList.FindIndex(t => t.Id == taskRun.Id);
        return this with { TaskRunList = index < 0 ? TaskRunList.Add(taskRun) : TaskRunList.SetItem(index, taskRun) };
    }

    public Execution WithState(StateType type, DateTimeOffset now) => this with { State = State.With(type, now) };
}
