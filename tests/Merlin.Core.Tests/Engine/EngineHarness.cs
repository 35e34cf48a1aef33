using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Core.Templating;

namespace Merlin.Core.Tests.Engine;

/// <summary>
/// Drives <see cref="ExecutionEngine.Advance"/> like the runtime would, with a scripted worker: every RunTask
/// is answered with the state chosen for its task id (SUCCESS by default) and a fake clock.
/// </summary>
internal sealed class EngineHarness
{
    private static readonly FlowParser Parser = new(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly));
    private readonly ExecutionEngine _engine = new(new TemplateEngine());
    private readonly Dictionary<string, Queue<StateType>> _script = [];
    private static readonly IReadOnlyDictionary<string, object?> Envs = new Dictionary<string, object?>();

    public EngineHarness(string yaml)
    {
        Flow = Parser.Parse(yaml) with { Revision = 1 };
        Execution = TestExecutions.New(Flow, Now) with { Labels = [] };
    }

    public Flow Flow { get; }

    /// <summary>Where the engine's ids come from: a sequence, so that runs are reproducible.</summary>
    public SequentialIds Ids { get; } = new();

    public Execution Execution { get; private set; }

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

    public IReadOnlyList<ExecutionAction> Advance(ExecutionEvent @event)
    {
        Now = Now.AddMilliseconds(10);
        var result = _engine.Advance(Flow, Execution, @event, new AdvanceInput(Now, new EngineEnvironment(Ids, Envs), AdmittedExecutions));
        Execution = result.Execution;
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
        var unanswered = Dispatched.Where(d => Execution.FindTaskRun(d.TaskRun.Id) is { State.Current: StateType.RUNNING } r && r.Attempts.Count == d.TaskRun.Attempts.Count).ToList();
        var pending = new Queue<ExecutionAction>(unanswered.Concat(Advance(new ExecutionEvent.Tick())));
        for (var step = 0; step < maxSteps && pending.Count > 0; step++)
        {
            var action = pending.Dequeue();
            var next = action switch
            {
                ExecutionAction.RunTask run => Advance(new ExecutionEvent.TaskRunReported(run.TaskRun.Id, StateFor(run), Outputs(run))),
                ExecutionAction.WakeAt wake => Wake(wake),
                _ => [],
            };
            foreach (var a in next)
            {
                pending.Enqueue(a);
            }
        }

        return Execution;
    }

    public TaskRun Run(string taskId, string? value = null) =>
        Execution.TaskRunList.Single(r => r.TaskId == taskId && (value is null || r.Value == value));

    public IEnumerable<TaskRun> Runs(string taskId) => Execution.TaskRunList.Where(r => r.TaskId == taskId);

    private IReadOnlyList<ExecutionAction> Wake(ExecutionAction.WakeAt wake)
    {
        if (wake.Date > Now)
        {
            Now = wake.Date;
        }

        return Advance(new ExecutionEvent.Wakeup());
    }

    private StateType StateFor(ExecutionAction.RunTask run) =>
        _script.TryGetValue(run.TaskRun.TaskId, out var queue) && queue.Count > 0 ? queue.Count > 1 ? queue.Dequeue() : queue.Peek() : StateType.SUCCESS;

    private static Dictionary<string, object?> Outputs(ExecutionAction.RunTask run) => run.Task switch
    {
        Merlin.Plugins.Debug.Return r => new() { ["value"] = new TemplateEngine().Render(r.Format ?? "", new TemplateContext(run.Variables)) },
        _ => [],
    };
}
