namespace Merlin.Core.Executions;

/// <summary>
/// What makes an execution one iteration of a Kestra 2.0 Loop (an execution of kind <see cref="Execution.LoopKind"/>):
/// the parent execution and the loop's task run in it, the iteration's item (0-based <see cref="Index"/>, the map
/// <see cref="Key"/> when the values were a map), the items of the loops around it (<see cref="Parents"/>, the loop one
/// level up first), and what the iteration sees from outside the loop: the outputs visible to the loop's task run and
/// the parent's trigger (Kestra reads both from the parent; the iteration keeps them, so an advance needs no other execution).
/// </summary>
public sealed record LoopRun(
    string ExecutionId,
    string TaskId,
    string TaskRunId,
    int Index,
    string? Key,
    string? Value,
    IReadOnlyList<LoopRunParent> Parents,
    IReadOnlyDictionary<string, object?>? Outputs = null,
    ExecutionTrigger? Trigger = null);

/// <summary>The item of an enclosing loop's iteration (<c>item.parent</c>, <c>item.parents[i]</c> in templates).</summary>
public sealed record LoopRunParent(int Index, string? Key, string? Value);
