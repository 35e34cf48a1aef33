using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>The working state of one advance: the execution being rebuilt and the actions collected so far.</summary>
internal sealed class AdvanceContext(Flow flow, Execution execution, DateTimeOffset now)
{
    public Flow Flow { get; } = flow;
    public TaskTree Tree { get; } = TaskTree.Of(flow);
    public Execution Execution { get; set; } = execution;
    public DateTimeOffset Now { get; } = now;
    public List<ExecutionAction> Actions { get; } = [];

    public IEnumerable<TaskRun> ChildrenOf(string? parentTaskRunId) =>
        Execution.TaskRunList.Where(r => r.ParentTaskRunId == parentTaskRunId);

    public void Update(TaskRun run) => Execution = Execution.WithTaskRun(run);

    public TaskRun Create(TaskDefinition task, string? parentTaskRunId, string? value, int? iteration = null)
    {
        var run = new TaskRun
        {
            Id = Ids.Create(),
            ExecutionId = Execution.Id,
            Namespace = Execution.Namespace,
            FlowId = Execution.FlowId,
            TaskId = task.Id,
            ParentTaskRunId = parentTaskRunId,
            Value = value,
            Iteration = iteration,
            State = State.Create(Now),
        };
        Execution = Execution.WithTaskRun(run);
        if (Execution.State.Current is StateType.CREATED or StateType.RESTARTED)
        {
            Execution = Execution.WithState(StateType.RUNNING, Now);
        }

        return run;
    }

    public Dictionary<string, object?> Variables(TaskDefinition? task = null, TaskRun? run = null) =>
        RunVariables.For(Flow, Execution, task, run);
}
