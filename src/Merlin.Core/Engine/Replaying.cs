using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// Replay, as Kestra does it: a new execution (new id, <c>parentId</c> the old one, same <c>originalId</c>, inputs, labels and
/// trigger, next attempt number). From the start it is simply CREATED; from a task run it keeps the runs before that one
/// (under new ids), restarts that run and its ancestors and drops the runs after it, and starts RESTARTED.
/// </summary>
public static class Replaying
{
    /// <summary>
    /// Null when <paramref name="taskRunId"/> is not a task run of the execution (Kestra: "No task found to restart").
    /// The kept task runs get new ids from <paramref name="idSource"/>.
    /// </summary>
    public static Execution? Replay(Flow flow, Execution execution, string? taskRunId, string newId, int? revision, DateTimeOffset now, IIdSource idSource)
    {
        var replay = execution with
        {
            Id = newId,
            ParentId = execution.Id,
            FlowRevision = revision ?? execution.FlowRevision,
            TaskRunList = [],
            Outputs = null,
            State = State.Create(now),
            Metadata = execution.Metadata with { AttemptNumber = execution.Metadata.AttemptNumber + 1 },
        };
        if (taskRunId is null)
        {
            return replay;
        }

        if (execution.FindTaskRun(taskRunId) is not { } from)
        {
            return null;
        }

        var tree = TaskTree.Of(flow);
        var successors = TaskRunGraph.Successors(tree, flow, execution, from);
        var kept = execution with { TaskRunList = [.. execution.TaskRunList.Where(r => !successors.Contains(r.Id))] };
        var runs = RestartPlan.Apply(tree, kept, [taskRunId], now, removeErrors: true);
        var ids = runs.ToDictionary(r => r.Id, _ => Ids.Create(idSource));
        return replay with
        {
            TaskRunList = [.. runs.Select(r => r with
            {
                Id = ids[r.Id],
                ExecutionId = newId,
                ParentTaskRunId = r.ParentTaskRunId is { } parent ? ids.GetValueOrDefault(parent) : null,
            })],
            State = execution.State.With(StateType.RESTARTED, now),
        };
    }
}
