using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// The executor's semantics as a pure function: <c>(flow, execution, event, input) -> (execution', actions)</c>, where
/// the input holds the time, the id source, Kestra's <c>envs</c> and the flow's admitted count. No IO, no clock, no
/// process environment, no id of its own: the runtime persists the result and performs the actions, and the same
/// inputs give the same result (the recorded histories in the engine's tests replay it).
/// </summary>
public sealed class ExecutionEngine(TemplateEngine templates, ISecretDecryptor? secrets = null)
{
    private const int MaxPasses = 10_000;

    public AdvanceResult Advance(Flow flow, Execution execution, ExecutionEvent @event, AdvanceInput input)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(execution);
        switch (@event)
        {
            case ExecutionEvent.ChangeStatus change when execution.State.IsTerminated && change.Status.IsTerminated():
                return new AdvanceResult(execution.WithState(change.Status, input.Now), []);
            case ExecutionEvent.SetLabels set when execution.State.IsTerminated:
                return new AdvanceResult(execution with { Labels = [.. set.Labels] }, []);
        }

        var ctx = new AdvanceContext(flow, execution, input, secrets);
        // An execution scheduled for later (a retry in a new execution) asks for its slot when its date comes.
        if (Admission.Needed(flow, execution) && !(execution.ScheduleDate > input.Now) && Admission.Decide(flow.Concurrency!, execution, input, ctx.Actions) is { } refused)
        {
            return refused;
        }

        if (@event is ExecutionEvent.Restart)
        {
            if (!Restarting.CanRestart(execution))
            {
                return new AdvanceResult(execution, []);
            }

            // The RESTARTED state is committed and published on its own (the restart's answer), then the run goes on.
            Restarting.Apply(ctx);
            return new AdvanceResult(ctx.Execution, [new ExecutionAction.Continue()]);
        }

        if (execution.State.IsTerminated)
        {
            return new AdvanceResult(execution, []);
        }

        EventApplier.Apply(ctx, @event, templates);
        Slas.Check(ctx, @event, templates);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var before = ctx.Execution;
            if (ctx.Execution.State.IsTerminated)
            {
                break;
            }

            Step(ctx);
            if (ReferenceEquals(before, ctx.Execution) || ctx.Execution.State.IsTerminated)
            {
                break;
            }
        }

        return new AdvanceResult(ctx.Execution, ctx.Actions);
    }

    /// <summary>
    /// Whether this advance decides the flow's concurrency admission, and so reads <see cref="AdvanceInput.AdmittedExecutions"/>:
    /// the flow has a limit and the execution has not started yet.
    /// </summary>
    public static bool NeedsAdmission(Flow flow, Execution execution) => Admission.Needed(flow, execution);

    /// <summary>The events that still mean something once an execution is terminated.</summary>
    public static bool AppliesToTerminated(ExecutionEvent @event) =>
        @event is ExecutionEvent.Restart or ExecutionEvent.ChangeStatus or ExecutionEvent.SetLabels;

    private void Step(AdvanceContext ctx)
    {
        var state = ctx.Execution.State.Current;
        if (state is StateType.QUEUED or StateType.PAUSED || state.IsRetrying())
        {
            return;
        }

        if (state == StateType.CREATED && ctx.Execution.ScheduleDate is { } scheduled && scheduled > ctx.Now)
        {
            // Scheduled for later: stays CREATED until then.
            if (!ctx.Actions.OfType<ExecutionAction.WakeAt>().Any(w => w.Date == scheduled))
            {
                ctx.Actions.Add(new ExecutionAction.WakeAt(scheduled));
            }

            return;
        }

        if (state == StateType.RESTARTED)
        {
            // Restarted or replayed: runs again from the task runs the restart reset.
            ctx.Execution = ctx.Execution.WithState(StateType.RUNNING, ctx.Now);
        }

        if (state == StateType.KILLING)
        {
            Killing.Step(ctx);
            return;
        }

        // The list as the step starts (immutable): the runs resolving flowables add are not visited in this pass.
        foreach (var run in ctx.Execution.TaskRunList)
        {
            if (run.State.Current == StateType.RUNNING && ctx.Tree.Task(run.TaskId) is FlowableTask flowable)
            {
                ResolveFlowable(ctx, flowable, run);
            }
        }

        // A Loop iteration (kind LOOP) runs only the loop's tasks, under the loop's task run of the parent execution.
        var iteration = ctx.Execution.LoopRun;
        var rootState = iteration is null
            ? ChildResolver.Resolve(ctx, null, ctx.Tree.Root)
            : LoopIterations.ResolveIteration(ctx, iteration);
        new Dispatcher(ctx, templates).DispatchCreated();
        if (rootState is { } final && ctx.Execution.TaskRunList.TrueForAll(r => r.State.IsTerminated || r.State.Current == StateType.PAUSED))
        {
            if (iteration is null)
            {
                Listeners.Finish(ctx, final, templates);
            }
            else
            {
                ctx.Execution = ctx.Execution.WithState(final, ctx.Now);
            }
        }
        else if (ctx.Execution.TaskRunList.Exists(r => r.State.Current == StateType.PAUSED)
                 && ctx.Execution.TaskRunList.TrueForAll(r => r.State.IsTerminated || r.State.Current is StateType.PAUSED || (ctx.Tree.Task(r.TaskId) is FlowableTask && r.State.Current == StateType.RUNNING)))
        {
            ctx.Execution = ctx.Execution.WithState(StateType.PAUSED, ctx.Now);
        }
    }

    private void ResolveFlowable(AdvanceContext ctx, FlowableTask flowable, TaskRun run)
    {
        if (flowable is WaitFor waiting && WaitForLoop.Waiting(ctx, waiting, run))
        {
            return;
        }

        StateType? done;
        try
        {
            if (flowable is Loop loop)
            {
                LoopIterations.Resolve(ctx, loop, run, templates);
                return;
            }

            done = ChildResolver.Resolve(ctx, run.Id, FlowableLayouts.Of(flowable, run, ctx, templates));
        }
        catch (Exception e) when (e is FlowableException or TemplateException or FormatException)
        {
            TaskFailures.Fail(ctx, run, e.Message);
            return;
        }

        if (done is { } state && ctx.ChildrenOf(run.Id).All(c => c.State.IsTerminated))
        {
            if (flowable is WaitFor waitFor && state is StateType.SUCCESS or StateType.WARNING)
            {
                try
                {
                    WaitForLoop.RoundEnded(ctx, waitFor, ctx.Execution.FindTaskRun(run.Id)!, state, templates);
                }
                catch (TemplateException e)
                {
                    TaskFailures.Fail(ctx, run, e.Message);
                }

                return;
            }

            ctx.Update(ctx.Execution.FindTaskRun(run.Id)!.WithState(FinalState.Adjust(flowable, state), ctx.Now));
        }
    }
}
