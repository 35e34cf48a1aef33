using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executions;

/// <summary>
/// Starts child executions for Subflow task runs and reports their end to the parent.
/// Resolves <see cref="ExecutionService"/> lazily because it depends on the executor that calls this.
/// </summary>
public sealed class SubflowLauncher(IServiceProvider services, ExecutionLogWriter logs, ILogger<SubflowLauncher> logger)
{
    private const string TaskRunIdKey = "taskRunId";

    public void Start(Execution parent, ExecutionAction.StartSubflow start) => _ = StartAsync(parent, start);

    /// <summary>When a child ends, tells its parent's Subflow task run.</summary>
    public void OnTerminated(Execution child)
    {
        if (child.ParentId is { } parentId && child.Trigger?.Variables.GetValueOrDefault(TaskRunIdKey) is string taskRunId)
        {
            services.GetRequiredService<Executor>().Send(parentId, new ExecutionEvent.SubflowReported(taskRunId, child.Id, child.State.Current, child.Outputs));
        }
    }

    private async Task StartAsync(Execution parent, ExecutionAction.StartSubflow start)
    {
        var executor = services.GetRequiredService<Executor>();
        try
        {
            var labels = start.Task.InheritLabels
                ? parent.Labels.Where(l => l.Key != "system.correlationId").ToList()
                : [];
            labels.AddRange(start.Labels);
            labels.AddRange(parent.Labels.Where(l => l.Key == "system.correlationId"));
            // A full disk must not fail the parent: the child is created once the store takes writes again.
            var child = await StoreRetry.RunAsync(() => services.GetRequiredService<ExecutionService>().CreateAsync(new ExecutionRequest
            {
                Namespace = start.Namespace,
                FlowId = start.FlowId,
                Revision = start.Revision,
                Inputs = start.Inputs.ToDictionary(i => i.Key, i => (Core.Inputs.InputValue)new Core.Inputs.InputValue.Typed(i.Value)),
                Labels = labels,
                ParentId = parent.Id,
                Trigger = new ExecutionTrigger(start.Task.Id, start.Task.Type, new Dictionary<string, object?>
                {
                    ["executionId"] = parent.Id,
                    ["namespace"] = parent.Namespace,
                    ["flowId"] = parent.FlowId,
                    ["flowRevision"] = (long)parent.FlowRevision,
                    [TaskRunIdKey] = start.TaskRun.Id,
                }),
            }, CancellationToken.None), fault => logger.LogWarning("Subflow {Namespace}.{FlowId} waits for the store: {Fault}", start.Namespace, start.FlowId, fault.Message), CancellationToken.None);
            logs.Write(parent, start.TaskRun.Id, start.TaskRun.TaskId, Core.Executions.LogLevel.INFO,
                $"Created new execution [[link execution=\"{child.Id}\" flowId=\"{child.FlowId}\" namespace=\"{child.Namespace}\"]]");
            executor.Send(parent.Id, new ExecutionEvent.SubflowReported(start.TaskRun.Id, child.Id, StateType.CREATED, null));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Subflow {Namespace}.{FlowId} could not start", start.Namespace, start.FlowId);
            logs.Write(parent, start.TaskRun.Id, start.TaskRun.TaskId, Core.Executions.LogLevel.ERROR, e.Message);
            executor.Send(parent.Id, new ExecutionEvent.TaskRunReported(start.TaskRun.Id, StateType.FAILED, null));
        }
    }
}
