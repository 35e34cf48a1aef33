namespace Merlin.Core.Executions;

/// <summary>The SDK's read-only views of a task run and its execution, as a running task sees them.</summary>
public static class RunViews
{
    public static TaskRunInfo ToInfo(this TaskRun taskRun)
    {
        ArgumentNullException.ThrowIfNull(taskRun);
        return new TaskRunInfo(taskRun.Id, taskRun.ExecutionId, taskRun.Namespace, taskRun.FlowId, taskRun.TaskId, taskRun.ParentTaskRunId,
            taskRun.Value, taskRun.Iteration, taskRun.Attempts.Count);
    }

    public static ExecutionInfo ToInfo(this Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new ExecutionInfo(execution.Id, execution.Namespace, execution.FlowId, execution.FlowRevision, execution.OriginalId, execution.ParentId,
            execution.Labels.Select(l => KeyValuePair.Create(l.Key, l.Value)).ToList());
    }
}
