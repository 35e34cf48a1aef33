using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// Tasks that run in order as one unit: a branch, one loop iteration with its value, or one WaitFor round
/// (its task runs carry the round number as <c>iteration</c>).
/// </summary>
internal sealed record ChildGroup(IReadOnlyList<TaskDefinition> Tasks, string? Value, int? Iteration = null)
{
    public bool Owns(Executions.TaskRun run) => run.Value == Value && run.Iteration == Iteration;
}
