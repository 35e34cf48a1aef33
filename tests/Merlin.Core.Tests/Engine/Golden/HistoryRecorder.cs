using System.Text.Json.Nodes;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>
/// Drives a flow through <see cref="ExecutionEngine.Advance"/> as the runtime would, with a simulated world (a worker
/// answering by <see cref="GoldenScenario.Answers"/>, timers firing at once, subflows and Loop iterations succeeding, the scenario's
/// kill/resume/restart), and writes each step: the event, the time, the admitted count, the ids drawn, the actions and
/// the execution after it.
/// </summary>
internal sealed class HistoryRecorder
{
    private const int MaxSteps = 500;
    private static readonly TemplateEngine WorkerTemplates = new();

    private readonly GoldenScenario _scenario;
    private readonly Flow _flow;
    private readonly Dictionary<string, Queue<StateType>> _answers;
    private readonly RecordedIds _ids = RecordedIds.Recording();
    private readonly ExecutionEngine _engine = GoldenFlows.Engine();
    private readonly JsonArray _steps = [];
    private Execution _execution;
    private DateTimeOffset _now = GoldenFlows.Start;
    private bool _killed;
    private int _restarts;
    private int _children;

    public HistoryRecorder(GoldenScenario scenario)
    {
        _scenario = scenario;
        _flow = GoldenFlows.Flow(scenario);
        _execution = GoldenFlows.NewExecution(_flow, scenario);
        _answers = (scenario.Answers ?? new Dictionary<string, StateType[]>()).ToDictionary(a => a.Key, a => new Queue<StateType>(a.Value));
    }

    public JsonObject Record()
    {
        var pending = new Queue<ExecutionAction>(Step(new ExecutionEvent.Tick(), _scenario.Admitted));
        while (_steps.Count < MaxSteps)
        {
            IReadOnlyList<ExecutionAction> next;
            if (pending.Count > 0)
            {
                next = Answer(pending.Dequeue());
            }
            else if (Next() is { } @event)
            {
                next = Step(@event);
            }
            else
            {
                break;
            }

            foreach (var action in next)
            {
                pending.Enqueue(action);
            }
        }

        return new JsonObject { ["scenario"] = _scenario.Name, ["flow"] = _scenario.Flow, ["steps"] = _steps };
    }

    /// <summary>What the world does once nothing is pending: admit, resume or restart, as the scenario says.</summary>
    private ExecutionEvent? Next() => _execution.State.Current switch
    {
        StateType.QUEUED => new ExecutionEvent.Admitted(),
        StateType.PAUSED when _scenario.ResumeWhenPaused => new ExecutionEvent.Resume(null),
        StateType.FAILED when _restarts < _scenario.Restarts => Restarted(),
        _ => null,
    };

    private ExecutionEvent.Restart Restarted()
    {
        _restarts++;
        return new ExecutionEvent.Restart();
    }

    private IReadOnlyList<ExecutionAction> Answer(ExecutionAction action)
    {
        switch (action)
        {
            case ExecutionAction.RunTask run when _scenario.KillOnFirstDispatch && !_killed:
                _killed = true;
                return Step(new ExecutionEvent.Kill());
            case ExecutionAction.RunTask run when _execution.FindTaskRun(run.TaskRun.Id) is { State.IsTerminated: false }:
                var (state, outputs) = Report(run);
                return Step(new ExecutionEvent.TaskRunReported(run.TaskRun.Id, state, outputs));
            case ExecutionAction.KillTask kill when _execution.FindTaskRun(kill.TaskRunId) is { State.IsTerminated: false }:
                return Step(new ExecutionEvent.TaskRunReported(kill.TaskRunId, StateType.KILLED, null));
            case ExecutionAction.WakeAt wake:
                _now = wake.Date > _now ? wake.Date : _now;
                return Step(new ExecutionEvent.Wakeup());
            case ExecutionAction.StartSubflow start:
                return Step(new ExecutionEvent.SubflowReported(start.TaskRun.Id, $"child{++_children}", StateType.SUCCESS, null));
            case ExecutionAction.StartLoopIteration start:
                var ended = start.Iteration.WithState(StateType.RUNNING, _now).WithState(StateType.SUCCESS, _now);
                return Step(new ExecutionEvent.LoopIterationReported(start.Iteration.LoopRun!.TaskRunId, ended));
            case ExecutionAction.Continue:
                return Step(new ExecutionEvent.Tick());
            default:
                return [];
        }
    }

    private IReadOnlyList<ExecutionAction> Step(ExecutionEvent @event, int admitted = 0)
    {
        _now = _now.AddMilliseconds(10);
        _ids.Begin([]);
        var result = _engine.Advance(_flow, _execution, @event, GoldenFlows.Input(_now, _ids, admitted));
        _steps.Add(HistoryStep.Of(@event, _now, admitted, _ids.Drawn, result));
        _execution = result.Execution;
        return result.Actions;
    }

    private StateType StateFor(ExecutionAction.RunTask run)
    {
        if (_answers.TryGetValue(run.TaskRun.TaskId, out var queue) && queue.Count > 0)
        {
            return queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }

        return run.Task is Merlin.Plugins.Execution.Fail { Condition: null } ? StateType.FAILED : StateType.SUCCESS;
    }

    /// <summary>The worker's report: Return and OutputValues render their outputs (a failed render fails the task, as on a real worker).</summary>
    private (StateType State, Dictionary<string, object?>? Outputs) Report(ExecutionAction.RunTask run)
    {
        var state = StateFor(run);
        if (state != StateType.SUCCESS)
        {
            return (state, null);
        }

        var context = new TemplateContext(run.Variables, environment: new FixedTemplateEnvironment(_now));
        try
        {
            return run.Task switch
            {
                Merlin.Plugins.Debug.Return r => (state, new() { ["value"] = WorkerTemplates.Render(r.Format ?? "", context) }),
                Merlin.Plugins.Output.OutputValues o => (state, new() { ["values"] = WorkerTemplates.RenderValue(o.Values, context) }),
                _ => (state, null),
            };
        }
        catch (TemplateException)
        {
            return (StateType.FAILED, null);
        }
    }
}
