using System.Text.Json;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// Starts every CREATED task run: <c>runIf</c> may skip it; flowables start in the executor; runnable tasks go
/// to a worker; Subflow asks for a child execution; Labels and Pause are handled here.
/// </summary>
internal sealed class Dispatcher(AdvanceContext ctx, TemplateEngine templates)
{
    public void DispatchCreated()
    {
        foreach (var run in ctx.Execution.TaskRunList) // the list as dispatching starts (immutable)
        {
            if (!run.State.Current.IsCreated())
            {
                continue;
            }

            var task = ctx.Tree.Task(run.TaskId);
            try
            {
                if (task.RunIf is { } runIf && !Truthiness.IsTruthy(templates.Render(runIf, ctx.Template(ctx.ClearVariables(task, run)))))
                {
                    ctx.Update(run.WithState(StateType.SKIPPED, ctx.Now));
                    continue;
                }

                Start(task, run);
            }
            catch (Exception e) when (e is TemplateException or FlowableException or FormatException or JsonException)
            {
                TaskFailures.Fail(ctx, run, e.Message);
            }
        }
    }

    private void Start(TaskDefinition task, TaskRun run)
    {
        switch (task)
        {
            case Pause pause:
                Pausing.Pause(ctx, run, pause, templates);
                break;
            case FlowableTask flowable:
                var outputs = FlowableLayouts.StartOutputs(flowable, run, ctx, templates);
                ctx.Update(run.WithState(StateType.RUNNING, ctx.Now) with { Outputs = outputs ?? run.Outputs });
                break;
            case RunnableTask runnable:
                var running = run.WithState(StateType.RUNNING, ctx.Now) with
                {
                    Attempts = run.Attempts.Add(TaskRunAttempt.Started(ctx.Now)),
                };
                ctx.Update(running);
                ctx.Actions.Add(new ExecutionAction.RunTask(running, runnable, ctx.LazyVariables(task, running), SecretInputs(), SharedDirectoryOf(run)));
                break;
            case Subflow subflow:
                StartSubflow(subflow, run);
                break;
            case ForEachItemExecutable items:
                ForEachItemIterations.Start(ctx, items, run, templates);
                break;
            case SetLabels labels:
                ApplyLabels(labels, run);
                break;
            default:
                TaskFailures.Fail(ctx, run, $"Task type {task.Type} is not supported by Merlin yet");
                break;
        }
    }

    /// <summary>Kestra runs a WorkingDirectory's children in one directory: theirs is their parent's.</summary>
    private SharedDirectory? SharedDirectoryOf(TaskRun run) =>
        run.ParentTaskRunId is { } parentId && ctx.Execution.FindTaskRun(parentId) is { } parent
        && ctx.Tree.Contains(parent.TaskId) && ctx.Tree.Task(parent.TaskId) is WorkingDirectory directory
            ? new SharedDirectory(parent.Id, directory.InputFiles, directory.NamespaceFiles, directory.OutputFiles, directory.Id, directory.Cache)
            : null;

    private void StartSubflow(Subflow task, TaskRun run)
    {
        var context = Context(task, run);
        var inputs = task.Inputs is null ? new Dictionary<string, object?>() : (Dictionary<string, object?>)templates.RenderValue(task.Inputs, context)!;
        var labels = LabelValues(templates.RenderValue(task.Labels, context), task.Id);
        // Rendered with SECRET inputs encrypted: the child gets them encrypted and keeps them so (docs/security.md).
        // No attempt while the child runs: the child's end adds one (Kestra's subflowExecutionResult).
        var running = run.WithState(StateType.RUNNING, ctx.Now);
        ctx.Update(running);
        ctx.Actions.Add(new ExecutionAction.StartSubflow(running, task, templates.Render(task.Namespace, context), templates.Render(task.FlowId, context), task.Revision, inputs, labels));
    }

    private void ApplyLabels(SetLabels task, TaskRun run)
    {
        var labels = LabelValues(templates.RenderValue(task.Labels, Context(task, run)), task.Id);
        if (labels.FirstOrDefault(l => SystemLabels.IsSystem(l.Key)) is { } system)
        {
            TaskFailures.Fail(ctx, run, SystemLabels.Refusal(system));
            return;
        }

        var merged = ctx.Execution.Labels.RemoveAll(l => labels.Any(n => n.Key == l.Key)).AddRange(labels);
        ctx.Execution = ctx.Execution with { Labels = merged };
        TaskFailures.Complete(ctx, run, StateType.SUCCESS, null);
    }

    /// <summary>Labels from a map, a list of {key, value}, or a JSON string of a map.</summary>
    public static List<Label> LabelValues(object? value, string taskId) => value switch
    {
        null => [],
        string json when json.TrimStart().StartsWith('{') => LabelValues(PlainValueConverter.FromElement(JsonDocument.Parse(json).RootElement), taskId),
        IReadOnlyDictionary<string, object?> map => map.Select(kv => new Label(kv.Key, Text(kv.Value))).ToList(),
        IEnumerable<object?> list => list.OfType<IReadOnlyDictionary<string, object?>>()
            .Select(m => new Label(Text(m.GetValueOrDefault("key")), Text(m.GetValueOrDefault("value")))).ToList(),
        _ => throw new FlowableException($"Task '{taskId}': labels must be a map or a list of key/value"),
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private TemplateContext Context(TaskDefinition task, TaskRun run) => new(ctx.Variables(task, run));

    /// <summary>Values of SECRET inputs (execution and onResume ones), which the task sees in clear and its logs mask.</summary>
    private List<string>? SecretInputs() => SecretValues.Of(ctx.Flow, ctx.Execution);
}
