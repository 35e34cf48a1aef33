using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// The working state of one advance: the execution being rebuilt and the actions collected so far. It is also the
/// clock and randomness of the engine's own renders (<see cref="ITemplateEnvironment"/>): the advance's time, values
/// drawn from its id source, so that a render inside an advance is reproducible.
/// </summary>
internal sealed class AdvanceContext(Flow flow, Execution execution, AdvanceInput input, ISecretDecryptor? secrets = null) : ITemplateEnvironment
{
    private Dictionary<string, string>? _clearSecrets;

    public Flow Flow { get; } = flow;
    public TaskTree Tree { get; } = TaskTree.Of(flow);
    public Execution Execution { get; set; } = execution;
    public AdvanceInput Input { get; } = input;
    public DateTimeOffset Now => Input.Now;
    public List<ExecutionAction> Actions { get; } = [];

    public IEnumerable<TaskRun> ChildrenOf(string? parentTaskRunId) =>
        Execution.TaskRunList.Where(r => r.ParentTaskRunId == parentTaskRunId);

    public void Update(TaskRun run) => Execution = Execution.WithTaskRun(run);

    public TaskRun Create(TaskDefinition task, string? parentTaskRunId, string? value, int? iteration = null)
    {
        var run = new TaskRun
        {
            Id = Ids.Create(Input.Environment.Ids),
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
        RunVariables.For(Flow, Execution, task, run, Input.Environment.Envs);

    /// <summary><see cref="Variables"/> as they are now, built only if read (a task run's, handed to its worker).</summary>
    public IReadOnlyDictionary<string, object?> LazyVariables(TaskDefinition task, TaskRun run)
    {
        var (flow, execution, envs) = (Flow, Execution, Input.Environment.Envs);
        return new LazyVariables(() => RunVariables.For(flow, execution, task, run, envs));
    }

    /// <summary>A render context for the engine's own templates: the advance's time and ids, not the process's.</summary>
    public TemplateContext Template(IReadOnlyDictionary<string, object?> variables) => new(variables, environment: this);

    public string Uuid() => Input.Environment.Ids.NextGuid().ToString();

    public string Id() => Ids.Create(Input.Environment.Ids);

    public long RandomInt(long lower, long upper)
    {
        Span<byte> bytes = stackalloc byte[16];
        Input.Environment.Ids.NextGuid().TryWriteBytes(bytes);

        // Two's complement: the difference of two longs always fits a ulong, and adding back wraps to the right value.
        var range = unchecked((ulong)(upper - lower));
        return unchecked(lower + (long)(BitConverter.ToUInt64(bytes) % range));
    }

    /// <summary>
    /// Variables with SECRET values in clear, for templates the engine evaluates itself (runIf, If, Switch, loop values,
    /// conditions). Whatever such a render stores goes through <see cref="MaskSecrets"/> first.
    /// </summary>
    public Dictionary<string, object?> ClearVariables(TaskDefinition? task = null, TaskRun? run = null) =>
        SecretValues.Reveal(Variables(task, run), ClearSecrets());

    /// <summary>Other variables (a Loop iteration's) with this execution's SECRET values in clear, like <see cref="ClearVariables"/>.</summary>
    public Dictionary<string, object?> Reveal(Dictionary<string, object?> variables) => SecretValues.Reveal(variables, ClearSecrets());

    /// <summary>The text with every clear SECRET value replaced by <see cref="EncryptedSecret.Mask"/>, so it can be stored.</summary>
    public string MaskSecrets(string text)
    {
        foreach (var clear in ClearSecrets().Values.Where(v => v.Length > 0).OrderByDescending(v => v.Length))
        {
            text = text.Replace(clear, EncryptedSecret.Mask, StringComparison.Ordinal);
        }

        return text;
    }

    // Recomputed when a resume adds SECRET values; an advance sees few of them, so the lookup stays cheap.
    private Dictionary<string, string> ClearSecrets()
    {
        var encrypted = secrets is null ? null : SecretValues.Of(Flow, Execution);
        if (encrypted is null)
        {
            return [];
        }

        if (_clearSecrets is null || encrypted.Any(e => !_clearSecrets.ContainsKey(e)))
        {
            try
            {
                _clearSecrets = encrypted.Distinct().ToDictionary(e => e, e => secrets!.Decrypt(e), StringComparer.Ordinal);
            }
            catch (InvalidOperationException e)
            {
                // A key change: the task run that needs the value fails with the reason, the engine goes on.
                throw new FlowableException(e.Message);
            }
        }

        return _clearSecrets;
    }
}
