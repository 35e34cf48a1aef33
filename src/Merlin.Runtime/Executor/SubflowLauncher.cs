using System.Text;
using System.Text.Json;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executor;

/// <summary>
/// Starts child executions for Subflow and ForEachItem task runs (through <see cref="ExecutionService"/>, as any other
/// execution) and reports their end to the parent through the executor's queue.
/// </summary>
public sealed class SubflowLauncher(ExecutionService executions, IExecutionQueue queue, FlowService flows, IFileStorage files, TemplateEngine templates,
    ExecutionLogWriter logs, ILogger<SubflowLauncher> logger)
{
    private const string TaskRunIdKey = "taskRunId";
    private const string IterationKey = "iteration";

    public void Start(Execution parent, ExecutionAction.StartSubflow start) => _ = StartAsync(parent, start);

    public void StartBatches(Execution parent, ExecutionAction.StartSubflowBatches start) => _ = StartBatchesAsync(parent, start);

    /// <summary>
    /// When a child ends, tells its parent's task run, with the child and its flow (the Subflow's <c>outputs:</c> render
    /// against them). A ForEachItem child's outputs are first written where the merge step reads them.
    /// </summary>
    public void OnTerminated(Execution child) => _ = OnTerminatedAsync(child);

    private async Task OnTerminatedAsync(Execution child)
    {
        if (child.LoopRun is { } loopRun)
        {
            await queue.SendAsync(loopRun.ExecutionId, new ExecutionEvent.LoopIterationReported(loopRun.TaskRunId, child), CancellationToken.None);
            return;
        }

        if (child.ParentId is not { } parentId || child.Trigger is not { } trigger || trigger.Variables.GetValueOrDefault(TaskRunIdKey) is not string taskRunId)
        {
            return;
        }

        Flow? flow = null;
        try
        {
            flow = await flows.GetAsync(child.Namespace, child.FlowId, child.FlowRevision, CancellationToken.None);
            if (trigger.Variables.GetValueOrDefault(IterationKey) is { } iteration && child.Outputs is { Count: > 0 } outputs
                && trigger.Variables.GetValueOrDefault("namespace") is string ns && trigger.Variables.GetValueOrDefault("flowId") is string flowId)
            {
                var uri = $"{StoragePaths.TaskPrefix(ns, flowId, parentId, trigger.Id, taskRunId)}/{iteration}/outputs.ion";
                using var line = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(outputs, KestraJson.Options) + "\n"));
                await files.PutAsync(uri, line, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Outputs of the subflow execution {ExecutionId} could not be passed on", child.Id);
        }

        await queue.SendAsync(parentId,
            new ExecutionEvent.SubflowReported(taskRunId, child.Id, child.State.Current, child.Outputs, child, flow), CancellationToken.None);
    }

    private async Task StartAsync(Execution parent, ExecutionAction.StartSubflow start)
    {
        try
        {
            var child = await CreateChildAsync(parent, start.TaskRun, start.Task, start.Task.InheritLabels, start.Namespace, start.FlowId,
                start.Revision, start.Inputs, start.Labels, null);
            await queue.SendAsync(parent.Id, new ExecutionEvent.SubflowReported(start.TaskRun.Id, child.Id, StateType.CREATED, null), CancellationToken.None);
        }
        catch (Exception e)
        {
            await FailedAsync(parent, start.TaskRun, start.Namespace, start.FlowId, e);
        }
    }

    /// <summary>One child per batch, in batch order, then the count; a failure fails the task run (children already created run on).</summary>
    private async Task StartBatchesAsync(Execution parent, ExecutionAction.StartSubflowBatches start)
    {
        try
        {
            List<string> batches;
            await using (var list = await files.GetAsync(start.SplitsUri, CancellationToken.None))
            using (var reader = new StreamReader(list, Encoding.UTF8))
            {
                batches = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            }

            for (var i = 0; i < batches.Count; i++)
            {
                var iteration = i + 1;
                var variables = new Dictionary<string, object?>(start.Variables)
                {
                    ["taskrun"] = new Dictionary<string, object?> { ["items"] = batches[i], ["iteration"] = iteration },
                };
                var inputs = start.Task.Parent.Inputs is null
                    ? new Dictionary<string, object?>()
                    : (IReadOnlyDictionary<string, object?>)templates.RenderValue(start.Task.Parent.Inputs, new TemplateContext(variables))!;
                await CreateChildAsync(parent, start.TaskRun, start.Task, start.Task.Parent.InheritLabels, start.Namespace, start.FlowId,
                    start.Revision, inputs, start.Labels, iteration);
            }

            var outputsBase = StoragePaths.TaskPrefix(parent.Namespace, parent.FlowId, parent.Id, start.TaskRun.TaskId, start.TaskRun.Id);
            await queue.SendAsync(parent.Id, new ExecutionEvent.SubflowBatchesStarted(start.TaskRun.Id, batches.Count, outputsBase["kestra://".Length..]), CancellationToken.None);
        }
        catch (Exception e)
        {
            await FailedAsync(parent, start.TaskRun, start.Namespace, start.FlowId, e);
        }
    }

    private async Task<Execution> CreateChildAsync(Execution parent, TaskRun taskRun, TaskDefinition task, bool inheritLabels, string @namespace,
        string flowId, int? revision, IReadOnlyDictionary<string, object?> inputs, IReadOnlyList<Label> taskLabels, int? iteration)
    {
        var labels = inheritLabels
            ? parent.Labels.Where(l => l.Key != SystemLabels.CorrelationId).ToList()
            : [];
        labels.AddRange(taskLabels);
        labels.AddRange(parent.Labels.Where(l => l.Key == SystemLabels.CorrelationId));
        var trigger = new Dictionary<string, object?>
        {
            ["executionId"] = parent.Id,
            ["namespace"] = parent.Namespace,
            ["flowId"] = parent.FlowId,
            ["flowRevision"] = (long)parent.FlowRevision,
            [TaskRunIdKey] = taskRun.Id,
        };
        if (iteration is { } n)
        {
            trigger[IterationKey] = n;
        }

        // A full disk must not fail the parent: the child is created once the store takes writes again.
        var waiting = false;
        var child = await StoreRetry.RunAsync(() => executions.CreateAsync(new ExecutionRequest
        {
            Namespace = @namespace,
            FlowId = flowId,
            Revision = revision,
            Inputs = inputs.ToDictionary(i => i.Key, i => (Core.Inputs.InputValue)new Core.Inputs.InputValue.Typed(i.Value)),
            Labels = labels,
            ParentId = parent.Id,
            Trigger = new ExecutionTrigger(task.Id, task.Type, trigger),
        }, CancellationToken.None), fault =>
        {
            if (!waiting)
            {
                waiting = true;
                logger.LogWarning("Subflow {Namespace}.{FlowId} waits for the store: {Fault}", @namespace, flowId, fault.Message);
            }
        }, CancellationToken.None);
        logs.Write(parent, taskRun.Id, taskRun.TaskId, Merlin.Sdk.Runs.LogLevel.INFO,
            $"Created new execution [[link execution=\"{child.Id}\" flowId=\"{child.FlowId}\" namespace=\"{child.Namespace}\"]]");
        return child;
    }

    private async Task FailedAsync(Execution parent, TaskRun taskRun, string @namespace, string flowId, Exception e)
    {
        logger.LogWarning(e, "Subflow {Namespace}.{FlowId} could not start", @namespace, flowId);
        logs.Write(parent, taskRun.Id, taskRun.TaskId, Merlin.Sdk.Runs.LogLevel.ERROR, e.Message);
        await queue.SendAsync(parent.Id, new ExecutionEvent.TaskRunReported(taskRun.Id, StateType.FAILED, null), CancellationToken.None);
    }
}
