using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// Kestra 2.0's Loop. Each iteration is an execution of its own (kind LOOP, <see cref="LoopRun"/>) of the same flow
/// revision that runs only the loop's tasks, its errors branch and its <c>finally</c> (<see cref="ResolveIteration"/>).
/// The loop's task run starts iterations in order, at most <c>concurrencyLimit</c> at once, and counts their ends,
/// until one fails or is killed (with <c>transmitFailed</c>) or <c>breakWhen</c> renders truthy after one; it ends
/// once no iteration runs, with the counts and the declared per-iteration <c>outputs</c>. Its bookkeeping while it
/// runs (next iteration, running ones) sits in its outputs and is dropped at its end.
/// </summary>
internal static class LoopIterations
{
    public const string IterationCount = "iterationCount";
    private const string RunningIterations = "runningIterations";
    private const string TerminatedIterations = "terminatedIterations";
    private const string DeclaredOutputs = "outputs";

    /// <summary>The next iteration to start (0-based).</summary>
    private const string Started = "startedIterations";

    /// <summary>The running iterations: iteration index (as text) to execution id.</summary>
    private const string RunningExecutions = "iterationExecutions";

    /// <summary>Set once no new iteration may start (a failure with <c>transmitFailed</c>, or <c>breakWhen</c>).</summary>
    private const string Stopped = "stopped";

    private const string OutputsError = "outputsError";

    /// <summary>The <c>kestra://</c> file <c>values</c> named, kept on the loop's task run while its lines are read.</summary>
    private const string ValuesUri = "valuesUri";

    /// <summary>The file's lines once the runtime read them (<see cref="ExecutionEvent.LoopValuesRead"/>): the loop's items.</summary>
    private const string FileValues = "values";

    private const string ValuesError = "valuesError";

    /// <summary>
    /// Counts the items; when <c>values</c> names a <c>kestra://</c> file (Kestra: one iteration per line), asks the runtime
    /// to read it — the pure engine cannot — and starts iterating once <see cref="ValuesRead"/> brings the lines.
    /// </summary>
    public static Dictionary<string, object?> StartOutputs(Loop loop, TaskRun run, AdvanceContext ctx, TemplateEngine templates, TemplateContext context)
    {
        if (FileUri(loop, templates, context) is { } uri)
        {
            ctx.Actions.Add(new ExecutionAction.ReadLoopValues(run.Id, uri));
            return new() { [ValuesUri] = uri };
        }

        return new() { [IterationCount] = Values(loop, templates, context).Count };
    }

    /// <summary>The runtime read the file: its lines become the items (or the loop fails with the reason).</summary>
    public static void ValuesRead(AdvanceContext ctx, ExecutionEvent.LoopValuesRead read)
    {
        if (ctx.Execution.FindTaskRun(read.TaskRunId) is not { } run || run.State.IsTerminated || ctx.Tree.Task(run.TaskId) is not Loop)
        {
            return;
        }

        var outputs = new Dictionary<string, object?>(run.Outputs ?? new Dictionary<string, object?>());
        if (read.Lines is { } lines)
        {
            outputs[FileValues] = lines.ToList<object?>();
            outputs[IterationCount] = lines.Count;
        }
        else
        {
            outputs[ValuesError] = read.Error ?? "the file could not be read";
        }

        ctx.Update(run with { Outputs = outputs });
    }

    /// <summary>
    /// On recovery, a loop still waiting for its file's lines asks for them again, and every running iteration is asked
    /// for again with the same id: one whose creation was lost is created, one whose end report was lost reports again.
    /// </summary>
    public static void Recover(AdvanceContext ctx, TemplateEngine templates)
    {
        foreach (var run in ctx.Execution.TaskRunList.Where(r => r.State.Current == StateType.RUNNING && ctx.Tree.Task(r.TaskId) is Loop))
        {
            if (run.Outputs?.GetValueOrDefault(ValuesUri) is string uri && !run.Outputs.ContainsKey(FileValues) && !run.Outputs.ContainsKey(ValuesError))
            {
                ctx.Actions.Add(new ExecutionAction.ReadLoopValues(run.Id, uri));
                continue;
            }

            var loop = (Loop)ctx.Tree.Task(run.TaskId);
            if (RunningMap(run).Count == 0 || Items(ctx, loop, run, templates) is not { } items)
            {
                continue;
            }

            var outside = Outside(ctx, loop, run);
            foreach (var (index, id) in RunningMap(run))
            {
                var i = int.Parse(index, System.Globalization.CultureInfo.InvariantCulture);
                ctx.Actions.Add(new ExecutionAction.StartLoopIteration(NewIteration(ctx, loop, run, (string)id!, i, items[i], outside)));
            }
        }
    }

    /// <summary>The execution ids of a loop task run's running iterations.</summary>
    public static IEnumerable<string> Running(TaskRun run) => RunningMap(run).Values.OfType<string>();

    /// <summary>Starts the next iterations the limit allows, or ends the loop once none runs and none is left to start.</summary>
    public static void Resolve(AdvanceContext ctx, Loop loop, TaskRun run, TemplateEngine templates)
    {
        if (Items(ctx, loop, run, templates) is not { } items)
        {
            return; // the file's lines are not read yet
        }

        var outputs = new Dictionary<string, object?>(run.Outputs ?? new Dictionary<string, object?>());
        if (!outputs.ContainsKey(Started))
        {
            // A first start, or a restart of an ended loop: its iterations run again from the first, counted afresh.
            foreach (var key in (string[])[TerminatedIterations, DeclaredOutputs, Stopped, OutputsError, RunningExecutions])
            {
                outputs.Remove(key);
            }
        }

        var running = RunningMap(run);
        var started = Number(outputs.GetValueOrDefault(Started));
        var stopped = outputs.GetValueOrDefault(Stopped) is true || ChildLayout.Enabled(loop.Tasks).Count == 0;
        var launched = false;
        IReadOnlyDictionary<string, object?>? outside = null;
        while (!stopped && started < items.Count && (loop.ConcurrencyLimit <= 0 || running.Count < loop.ConcurrencyLimit))
        {
            outside ??= Outside(ctx, loop, run);
            var id = ctx.Id();
            running[started.ToString(System.Globalization.CultureInfo.InvariantCulture)] = id;
            ctx.Actions.Add(new ExecutionAction.StartLoopIteration(NewIteration(ctx, loop, run, id, started, items[started], outside)));
            started++;
            launched = true;
        }

        if (running.Count == 0 && (stopped || started >= items.Count))
        {
            End(ctx, loop, run, items.Count, outputs);
            return;
        }

        if (launched)
        {
            outputs[Started] = started;
            outputs[RunningExecutions] = running;
            outputs[RunningIterations] = running.Count;
            outputs.TryAdd(TerminatedIterations, new Dictionary<string, object?>());
            ctx.Update(run with { Outputs = outputs });
        }
    }

    /// <summary>
    /// An iteration ended: it is counted, its declared <c>outputs</c> and <c>breakWhen</c> are rendered in its scope (with
    /// <c>iteration.executionId</c>, <c>iteration.state</c> and <c>iteration.outputs</c>), and a failure with
    /// <c>transmitFailed</c> or a truthy <c>breakWhen</c> stops new iterations. An iteration the loop does not know as
    /// running (a report sent again) is ignored.
    /// </summary>
    public static void IterationEnded(AdvanceContext ctx, ExecutionEvent.LoopIterationReported report, TemplateEngine templates)
    {
        var iteration = report.Iteration;
        if (ctx.Execution.FindTaskRun(report.TaskRunId) is not { } run || run.State.IsTerminated || ctx.Tree.Task(run.TaskId) is not Loop loop
            || !iteration.State.IsTerminated || iteration.LoopRun is not { } loopRun)
        {
            return;
        }

        var running = RunningMap(run);
        var index = loopRun.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!Equals(running.GetValueOrDefault(index), iteration.Id))
        {
            return;
        }

        running.Remove(index);
        var state = iteration.State.Current;
        var outputs = new Dictionary<string, object?>(run.Outputs!)
        {
            [RunningExecutions] = running,
            [RunningIterations] = running.Count,
        };
        var terminated = outputs.GetValueOrDefault(TerminatedIterations) is IReadOnlyDictionary<string, object?> counts
            ? new Dictionary<string, object?>(counts)
            : [];
        terminated[state.ToString()] = Number(terminated.GetValueOrDefault(state.ToString())) + 1;
        outputs[TerminatedIterations] = terminated;

        var variables = ctx.Reveal(RunVariables.For(ctx.Flow, iteration, envs: ctx.Input.Environment.Envs));
        var context = ctx.Template(variables);
        try
        {
            if (loop.Outputs is { } declared)
            {
                AddIterationOutputs(outputs, declared, loopRun, templates, context);
            }

            if (loop.TransmitFailed && state is StateType.FAILED or StateType.KILLED)
            {
                outputs[Stopped] = true;
            }
            else if (loop.BreakWhen is { } condition)
            {
                variables["iteration"] = new Dictionary<string, object?>
                {
                    ["executionId"] = iteration.Id,
                    ["state"] = state.ToString(),
                    ["outputs"] = variables["outputs"],
                };
                if (Truthiness.IsTruthy(templates.Render(condition, ctx.Template(variables))))
                {
                    outputs[Stopped] = true;
                }
            }
        }
        catch (Exception e) when (e is TemplateException or FormatException)
        {
            ctx.Actions.Add(new ExecutionAction.Log(run.Id, run.TaskId, LogLevel.ERROR, "Failed to render the loop outputs: " + e.Message));
            outputs[OutputsError] = e.Message;
            outputs[Stopped] = true;
        }

        ctx.Update(run with { Outputs = outputs });
    }

    /// <summary>
    /// The state of a Loop iteration's own tasks once it is over — its tasks, then its errors branch after a failure,
    /// then its <c>finally</c> — else null.
    /// </summary>
    public static StateType? ResolveIteration(AdvanceContext ctx, LoopRun loopRun)
    {
        if (!ctx.Tree.Contains(loopRun.TaskId) || ctx.Tree.Task(loopRun.TaskId) is not Loop loop)
        {
            return StateType.FAILED; // the revision has no such loop: nothing to run
        }

        var finallyTasks = ChildLayout.Enabled(loop.Finally ?? []);
        var finallyIds = finallyTasks.Select(t => t.Id).ToHashSet();
        var runs = ctx.ChildrenOf(loopRun.TaskRunId).ToList();
        var normal = runs.Where(r => !finallyIds.Contains(r.TaskId)).ToList();
        var tasks = new ChildGroup(ChildLayout.Enabled(loop.Tasks), null);
        var errors = new ChildGroup(ChildLayout.Enabled(loop.Errors ?? []), null);
        if (Iteration(ctx, loopRun.TaskRunId, tasks, errors, normal) is not { } state)
        {
            return null;
        }

        var finallyRuns = runs.Where(r => finallyIds.Contains(r.TaskId)).ToList();
        if (finallyTasks.Count > 0 && !ChildResolver.ResolveSequence(ctx, loopRun.TaskRunId, new ChildGroup(finallyTasks, null), finallyRuns))
        {
            return null;
        }

        return Worst([state, FinalState.Of(finallyRuns)]);
    }

    /// <summary>An iteration's state once it is over (its tasks, then its errors branch after a failure), else null.</summary>
    private static StateType? Iteration(AdvanceContext ctx, string loopRunId, ChildGroup group, ChildGroup errors, List<TaskRun> runs)
    {
        var errorIds = errors.Tasks.Select(t => t.Id).ToHashSet();
        var normal = runs.Where(r => !errorIds.Contains(r.TaskId)).ToList();
        var handling = runs.Where(r => errorIds.Contains(r.TaskId)).ToList();
        var failed = normal.Any(r => r.State.Current == StateType.FAILED) && normal.All(r => r.State.Current != StateType.RETRYING);
        if (handling.Count > 0 || failed)
        {
            return normal.All(r => r.State.IsTerminated) && ChildResolver.ResolveSequence(ctx, loopRunId, errors, handling)
                ? FinalState.Of(normal)
                : null;
        }

        return ChildResolver.ResolveSequence(ctx, loopRunId, group, normal) ? FinalState.Of(normal) : null;
    }

    /// <summary>The iteration's execution: same flow revision, inputs and labels as the parent, kind LOOP.</summary>
    private static Execution NewIteration(AdvanceContext ctx, Loop loop, TaskRun run, string id, int index, string value,
        IReadOnlyDictionary<string, object?> outside)
    {
        var parent = ctx.Execution;
        IReadOnlyList<LoopRunParent> parents = parent.LoopRun is { } outer
            ? [new LoopRunParent(outer.Index, outer.Key, outer.Value), .. outer.Parents]
            : [];
        return new Execution
        {
            Id = id,
            Namespace = parent.Namespace,
            FlowId = parent.FlowId,
            FlowRevision = parent.FlowRevision,
            Inputs = parent.Inputs,
            Labels = parent.Labels,
            Variables = parent.Variables,
            State = State.Create(ctx.Now),
            ParentId = parent.Id,
            OriginalId = id,
            Metadata = new ExecutionMetadata(1, ctx.Now),
            Kind = Execution.LoopKind,
            LoopRun = new LoopRun(parent.Id, run.TaskId, run.Id, index, Key(loop, index + 1), value, parents, outside,
                parent.Trigger ?? parent.LoopRun?.Trigger),
        };
    }

    /// <summary>The outputs the loop's task run sees, which its iterations see too.</summary>
    private static IReadOnlyDictionary<string, object?> Outside(AdvanceContext ctx, Loop loop, TaskRun run) =>
        ctx.Variables(loop, run)["outputs"] as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();

    private static void AddIterationOutputs(Dictionary<string, object?> outputs, List<OutputDefinition> declared, LoopRun loopRun,
        TemplateEngine templates, TemplateContext context)
    {
        var values = new Dictionary<string, object?>();
        foreach (var output in declared)
        {
            values[output.Id] = OutputTypes.Convert(output.Type, templates.RenderValue(output.Value, context), output.Id);
        }

        var entry = new Dictionary<string, object?>
        {
            ["item"] = new Dictionary<string, object?> { ["value"] = loopRun.Value, ["iteration"] = loopRun.Index + 1, ["key"] = loopRun.Key },
            ["outputs"] = values,
        };
        var list = outputs.GetValueOrDefault(DeclaredOutputs) is IEnumerable<object?> previous ? previous.ToList() : [];
        var at = list.FindIndex(e => IterationOf(e) > loopRun.Index + 1);
        list.Insert(at < 0 ? list.Count : at, entry);
        outputs[DeclaredOutputs] = list;
    }

    private static int IterationOf(object? entry) =>
        entry is IReadOnlyDictionary<string, object?> e && e.GetValueOrDefault("item") is IReadOnlyDictionary<string, object?> item
            ? Number(item.GetValueOrDefault("iteration"))
            : 0;

    private static void End(AdvanceContext ctx, Loop loop, TaskRun run, int count, Dictionary<string, object?> outputs)
    {
        var terminated = outputs.GetValueOrDefault(TerminatedIterations) as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
        var final = new Dictionary<string, object?>
        {
            [IterationCount] = count,
            [RunningIterations] = 0,
            [TerminatedIterations] = terminated,
        };
        if (loop.Outputs is not null)
        {
            final[DeclaredOutputs] = outputs.GetValueOrDefault(DeclaredOutputs) ?? new List<object?>();
        }

        var state = loop.TransmitFailed
            ? Worst(terminated.Where(t => Number(t.Value) > 0).Select(t => Enum.Parse<StateType>(t.Key)))
            : StateType.SUCCESS;
        if (outputs.ContainsKey(OutputsError))
        {
            state = StateType.FAILED;
        }

        ctx.Update(run.WithState(FinalState.Adjust(loop, state), ctx.Now) with { Outputs = final });
    }

    /// <summary>A count kept in the outputs: an int as written, a long once read back from the store.</summary>
    private static int Number(object? value) => value is null ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> RunningMap(TaskRun run) =>
        run.Outputs?.GetValueOrDefault(RunningExecutions) is IReadOnlyDictionary<string, object?> map ? new Dictionary<string, object?>(map) : [];

    private static StateType Worst(IEnumerable<StateType> states)
    {
        var set = states.ToHashSet();
        return set.Contains(StateType.KILLED) ? StateType.KILLED
            : set.Contains(StateType.FAILED) ? StateType.FAILED
            : set.Contains(StateType.WARNING) ? StateType.WARNING
            : StateType.SUCCESS;
    }

    /// <summary>The key of an iteration when <c>values</c> is a map (one iteration per entry, in order), else null.</summary>
    public static string? Key(Loop loop, int iteration) =>
        loop.Values is IDictionary<string, object?> map && iteration >= 1 && iteration <= map.Count ? map.Keys.ElementAt(iteration - 1) : null;

    /// <summary>The items: the lines of the file once read, else the rendered values; null while the file is being read.</summary>
    private static List<string>? Items(AdvanceContext ctx, Loop loop, TaskRun run, TemplateEngine templates)
    {
        if (run.Outputs?.GetValueOrDefault(ValuesError) is string error)
        {
            throw new FlowableException($"Loop '{loop.Id}': cannot read the values file {run.Outputs.GetValueOrDefault(ValuesUri)}: {error}");
        }

        if (run.Outputs?.GetValueOrDefault(FileValues) is IEnumerable<object?> lines)
        {
            return lines.Select(l => ctx.MaskSecrets(l?.ToString() ?? "")).ToList();
        }

        return run.Outputs?.ContainsKey(ValuesUri) == true
            ? null
            : Values(loop, templates, ctx.Template(ctx.ClearVariables(loop, run))).Select(ctx.MaskSecrets).ToList();
    }

    /// <summary>The <c>kestra://</c> URI <c>values</c> renders to, when it names a file.</summary>
    private static string? FileUri(Loop loop, TemplateEngine templates, TemplateContext context) =>
        loop.Values is string text && templates.Render(text, context).Trim() is var rendered && rendered.StartsWith("kestra://", StringComparison.Ordinal)
            ? rendered
            : null;

    private static List<string> Values(Loop loop, TemplateEngine templates, TemplateContext context)
    {
        var values = loop.Values is IDictionary<string, object?> map ? map.Values.ToList() : loop.Values;
        return FlowableLayouts.RenderValues(values, templates, context).ToList();
    }
}
