using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Core.Templating;

namespace Merlin.Core.Tests.Engine;

/// <summary>
/// Drives <see cref="ExecutionEngine.Advance"/> like the runtime would, with a scripted worker: every RunTask
/// is answered with the state chosen for its task id (SUCCESS by default) and a fake clock. Loop iterations (executions
/// of kind LOOP) are started, run and reported to their parent as the runtime does.
/// </summary>
internal sealed class EngineHarness
{
    private static readonly FlowParser Parser = new(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly));
    private readonly ExecutionEngine _engine = new(new TemplateEngine());
    private readonly Dictionary<string, Queue<StateType>> _script = [];
    private static readonly IReadOnlyDictionary<string, object?> Envs = new Dictionary<string, object?>();
    private readonly Dictionary<string, Execution> _executions = [];
    private readonly Queue<Execution> _endedIterations = new();
    private string _rootId;

    public EngineHarness(string yaml)
    {
        Flow = Parser.Parse(yaml) with { Revision = 1 };
        var execution = TestExecutions.New(Flow, Now) with { Labels = [] };
        _rootId = execution.Id;
        _executions[_rootId] = execution;
    }

    public Flow Flow { get; }

    /// <summary>Where the engine's ids come from: a sequence, so that runs are reproducible.</summary>
    public SequentialIds Ids { get; } = new();

    /// <summary>The execution under test (not one of its Loop iterations).</summary>
    public Execution Execution
    {
        get => _executions[_rootId];
        private set
        {
            _executions.Remove(_rootId);
            _rootId = value.Id;
            _executions[value.Id] = value;
        }
    }

    /// <summary>The Loop iterations started so far, in start order.</summary>
    public IEnumerable<Execution> Iterations => _executions.Values.Where(e => e.LoopRun is not null);

    /// <summary>The runtime's count of admitted executions of the flow, given to every advance.</summary>
    public int AdmittedExecutions { get; set; }

    public DateTimeOffset Now { get; private set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Actions of the last advance.</summary>
    public IReadOnlyList<ExecutionAction> Actions { get; private set; } = [];

    /// <summary>Every RunTask ever emitted, in order.</summary>
    public List<ExecutionAction.RunTask> Dispatched { get; } = [];

    /// <summary>Every action ever emitted, in order.</summary>
    public List<ExecutionAction> AllActions { get; } = [];

    public EngineHarness Answer(string taskId, params StateType[] states)
    {
        _script[taskId] = new Queue<StateType>(states);
        return this;
    }

    public IReadOnlyList<ExecutionAction> Advance(ExecutionEvent @event) => AdvanceOn(_rootId, @event);

    /// <summary>Advances one execution: the one under test or one of its Loop iterations.</summary>
    public IReadOnlyList<ExecutionAction> AdvanceOn(string executionId, ExecutionEvent @event)
    {
        Now = Now.AddMilliseconds(10);
        var before = _executions[executionId];
        var result = _engine.Advance(Flow, before, @event, new AdvanceInput(Now, new EngineEnvironment(Ids, Envs), AdmittedExecutions));
        _executions[executionId] = result.Execution;
        if (!before.State.IsTerminated && result.Execution.State.IsTerminated && result.Execution.LoopRun is not null)
        {
            _endedIterations.Enqueue(result.Execution);
        }

        Actions = result.Actions;
        Dispatched.AddRange(result.Actions.OfType<ExecutionAction.RunTask>());
        AllActions.AddRange(result.Actions);
        return result.Actions;
    }

    public void Tick(TimeSpan by) => Now += by;

    /// <summary>Changes the execution before the next advance (e.g. a later attempt's metadata).</summary>
    public void Change(Func<Execution, Execution> change) => Execution = change(Execution);

    /// <summary>Goes on with another execution of the same flow (a replay made from this one).</summary>
    public void Load(Execution execution) => Execution = execution;

    /// <summary>Starts and answers every dispatched task until nothing is left to run.</summary>
    public Execution Run(int maxSteps = 1000)
    {
        // Tasks dispatched by earlier manual advances and never answered are answered first.
        var unanswered = Dispatched.Where(d => _executions.GetValueOrDefault(d.TaskRun.ExecutionId)?.FindTaskRun(d.TaskRun.Id) is { State.Current: StateType.RUNNING } r
            && r.Attempts.Count == d.TaskRun.Attempts.Count).ToList();
        var unstarted = AllActions.OfType<ExecutionAction.StartLoopIteration>().Where(s => !_executions.ContainsKey(s.Iteration.Id)).ToList();
        var pending = new Queue<(string Id, ExecutionAction Action)>(unanswered.Select(u => (u.TaskRun.ExecutionId, (ExecutionAction)u))
            .Concat(unstarted.Select(u => (_rootId, (ExecutionAction)u)))
            .Concat(Advance(new ExecutionEvent.Tick()).Select(a => (_rootId, a))));
        for (var step = 0; step < maxSteps && (pending.Count > 0 || _endedIterations.Count > 0); step++)
        {
            if (_endedIterations.TryDequeue(out var ended))
            {
                var parent = ended.LoopRun!.ExecutionId;
                Enqueue(pending, parent, AdvanceOn(parent, new ExecutionEvent.LoopIterationReported(ended.LoopRun.TaskRunId, ended)));
                continue;
            }

            var (id, action) = pending.Dequeue();
            switch (action)
            {
                case ExecutionAction.RunTask run:
                    Enqueue(pending, id, AdvanceOn(id, new ExecutionEvent.TaskRunReported(run.TaskRun.Id, StateFor(run), Outputs(run))));
                    break;
                case ExecutionAction.WakeAt wake:
                    Enqueue(pending, id, Wake(id, wake));
                    break;
                case ExecutionAction.StartLoopIteration start when !_executions.ContainsKey(start.Iteration.Id):
                    _executions[start.Iteration.Id] = start.Iteration;
                    Enqueue(pending, start.Iteration.Id, AdvanceOn(start.Iteration.Id, new ExecutionEvent.Tick()));
                    break;
                case ExecutionAction.KillChild kill when _executions.ContainsKey(kill.ChildExecutionId):
                    Enqueue(pending, kill.ChildExecutionId, AdvanceOn(kill.ChildExecutionId, new ExecutionEvent.Kill()));
                    break;
            }
        }

        return Execution;
    }

    private static void Enqueue(Queue<(string Id, ExecutionAction Action)> pending, string id, IEnumerable<ExecutionAction> actions)
    {
        foreach (var action in actions)
        {
            pending.Enqueue((id, action));
        }
    }

    /// <summary>The one task run of this task (and value), in the execution under test or any of its Loop iterations.</summary>
    public TaskRun Run(string taskId, string? value = null) =>
        AllTaskRuns.Single(r => r.TaskId == taskId && (value is null || r.Value == value));

    /// <summary>The task runs of this task in the execution under test and its Loop iterations (in iteration order).</summary>
    public IEnumerable<TaskRun> Runs(string taskId) => AllTaskRuns.Where(r => r.TaskId == taskId);

    private IEnumerable<TaskRun> AllTaskRuns =>
        _executions.Values.OrderBy(e => e.LoopRun is null ? -1 : e.LoopRun.Index).SelectMany(e => e.TaskRunList);

    private IReadOnlyList<ExecutionAction> Wake(string executionId, ExecutionAction.WakeAt wake)
    {
        if (wake.Date > Now)
        {
            Now = wake.Date;
        }

        return AdvanceOn(executionId, new ExecutionEvent.Wakeup());
    }

    private StateType StateFor(ExecutionAction.RunTask run) =>
        _script.TryGetValue(run.TaskRun.TaskId, out var queue) && queue.Count > 0 ? queue.Count > 1 ? queue.Dequeue() : queue.Peek() : StateType.SUCCESS;

    private static Dictionary<string, object?> Outputs(ExecutionAction.RunTask run) => run.Task switch
    {
        Merlin.Plugins.Debug.Return r => new() { ["value"] = new TemplateEngine().Render(r.Format ?? "", new TemplateContext(run.Variables)) },
        _ => [],
    };
}
