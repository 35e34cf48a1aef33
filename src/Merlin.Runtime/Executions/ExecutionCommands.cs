using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Storage;
using Merlin.Core.Tasks;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Secrets;

namespace Merlin.Runtime.Executions;

/// <summary>
/// What a client may do to an existing execution, with Kestra's rules and messages: kill, restart, replay, resume, pause,
/// change its status, set its labels, delete, wait for its end. Each change goes through the executor (one writer per
/// execution); those awaited are committed before the answer, so the answer shows them.
/// </summary>
public sealed class ExecutionCommands(
    IExecutionQueue queue,
    ExecutionQueries queries,
    FlowService flows,
    IExecutionRepository executions,
    ILogRepository logs,
    IMetricRepository metrics,
    IExecutionChanges changes,
    IFileStorage files,
    InputResolver inputs,
    SecretCipher cipher,
    EngineEnvironment environment,
    TimeProvider clock)
{
    public async Task<Execution> RestartAsync(string id, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (!Restarting.IsRestartable(execution))
        {
            throw new IllegalStateException($"Execution must be terminated to be restarted, current state is '{execution.State.Current}' !");
        }

        if (!Restarting.HasTaskToRestart(execution))
        {
            throw new Errors.IllegalArgumentException("No task found to restart execution from!");
        }

        return await queue.ApplyAsync(id, new ExecutionEvent.Restart(), cancellationToken) ?? throw NotFound(id);
    }

    /// <summary>A new execution from this one: from the start, or from <paramref name="taskRunId"/>; on <paramref name="revision"/> when given.</summary>
    public async Task<Execution> ReplayAsync(string id, string? taskRunId, int? revision, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (revision is { } wanted && await flows.FindAsync(execution.Namespace, execution.FlowId, wanted, cancellationToken) is null)
        {
            throw new NotFoundException($"Unable to find revision {wanted} on flow {execution.Namespace}.{execution.FlowId}");
        }

        var flow = await flows.GetAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, cancellationToken);
        var replay = Replaying.Replay(flow, execution, taskRunId, ExecutionIds.New(queue, flow, () => Ids.Create(environment.Ids)), revision, clock.GetUtcNow(), environment.Ids)
                     ?? throw new Errors.IllegalArgumentException("No task found to restart execution from!");
        await executions.SaveAsync(replay, cancellationToken);
        await queue.SubmitAsync(replay, CancellationToken.None);
        return replay;
    }

    /// <summary>
    /// The <c>onResume</c> inputs a PAUSED execution asks for (those of its first paused Pause task; none when it was paused
    /// by hand); 409 when it is not paused, as in Kestra.
    /// </summary>
    public async Task<IReadOnlyList<InputDefinition>> ResumeInputsAsync(string id, CancellationToken cancellationToken)
    {
        var (_, pause) = await PausedAsync(id, cancellationToken);
        return pause?.OnResume ?? [];
    }

    /// <summary>Resumes a PAUSED execution; FILE inputs are stored with the execution, every input is typed and checked (422).</summary>
    public async Task ResumeAsync(string id, IReadOnlyDictionary<string, InputValue> provided, IReadOnlyList<UploadedFile> uploads, CancellationToken cancellationToken)
    {
        var (execution, pause) = await PausedAsync(id, cancellationToken);
        var declared = pause?.OnResume ?? [];
        var values = new Dictionary<string, InputValue>(provided);
        foreach (var upload in uploads.Where(u => declared.Any(i => i.Id == u.InputId)))
        {
            await using var content = upload.Open();
            var uri = await files.PutAsync(StoragePaths.Input(execution.Namespace, execution.FlowId, id, upload.InputId, upload.FileName), content, cancellationToken);
            values[upload.InputId] = new InputValue.File(uri);
        }

        Dictionary<string, object?> typed;
        try
        {
            typed = declared.Count > 0 ? inputs.Resolve(declared, values) : values.ToDictionary(v => v.Key, v => (object?)(v.Value as InputValue.Text)?.Value);
        }
        catch (InputException e)
        {
            throw new InvalidEntityException(e.Message, [($"inputs.{e.InputId}", e.Message)]);
        }

        // SECRET onResume inputs are stored encrypted (the Pause task run's outputs), like execution inputs.
        await queue.SendAsync(id, new ExecutionEvent.Resume(cipher.EncryptInputs(declared, typed)), cancellationToken);
    }

    public async Task PauseAsync(string id, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        var paused = execution.State.Current == StateType.RUNNING ? await queue.ApplyAsync(id, new ExecutionEvent.Pause(), cancellationToken) : null;
        if (paused?.State.Current != StateType.PAUSED)
        {
            throw new Errors.IllegalArgumentException("The execution is not running");
        }
    }

    public async Task<Execution> ChangeStatusAsync(string id, StateType status, CancellationToken cancellationToken)
    {
        if (!status.IsTerminated())
        {
            throw new Errors.IllegalArgumentException("You can only change the status of an execution to a terminal state.");
        }

        var execution = await GetAsync(id, cancellationToken);
        if (!execution.State.IsTerminated)
        {
            throw new Errors.IllegalArgumentException("You can only change the status of a terminated execution.");
        }

        return await queue.ApplyAsync(id, new ExecutionEvent.ChangeStatus(status), cancellationToken) ?? throw NotFound(id);
    }

    /// <summary>
    /// Kestra's merge: the given labels, then the existing ones they do not replace; a new <c>system.*</c> label is refused,
    /// a label with an empty key and value dropped. Null when the execution is not terminated (Kestra answers 400).
    /// </summary>
    public async Task<Execution?> SetLabelsAsync(string id, IReadOnlyList<Label> labels, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (!execution.State.IsTerminated)
        {
            return null;
        }

        if (labels.FirstOrDefault(l => SystemLabels.IsSystem(l.Key) && !execution.Labels.Contains(l)) is { } system)
        {
            throw new Errors.IllegalArgumentException(SystemLabels.Refusal(system));
        }

        var merged = labels.GroupBy(l => l.Key).Select(g => g.Last())
            .Concat(execution.Labels.Where(l => labels.All(n => n.Key != l.Key)))
            .Where(l => l.Key.Length > 0 || l.Value.Length > 0)
            .ToList();
        return await queue.ApplyAsync(id, new ExecutionEvent.SetLabels(merged), cancellationToken) ?? throw NotFound(id);
    }

    /// <summary>Asks the executor to kill a running execution (its task runs, then its subflows); 409 once it is terminated.</summary>
    public async Task KillAsync(string id, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (execution.State.IsTerminated)
        {
            throw new ConflictException($"Execution '{id}' is already terminated ({execution.State.Current})");
        }

        await queue.SendAsync(id, new ExecutionEvent.Kill(), cancellationToken);
    }

    /// <summary>Deletes a terminated execution with its logs, metrics and files; 409 while it runs.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (!execution.State.IsTerminated)
        {
            throw new ConflictException($"Execution '{id}' is not terminated ({execution.State.Current}); kill it first");
        }

        await executions.DeleteAsync(id, cancellationToken);
        await logs.DeleteByExecutionAsync(id, cancellationToken);
        await metrics.DeleteByExecutionAsync(id, cancellationToken);
        await files.DeletePrefixAsync(StoragePaths.ExecutionPrefix(execution.Namespace, execution.FlowId, id), cancellationToken);
    }

    /// <summary>
    /// Creates an execution (<paramref name="create"/>, under the id <paramref name="id"/> it is given) and waits until
    /// it is terminated or paused. The wait subscribes before the creation, so an end however quick is not missed, and
    /// starts from the execution as created instead of reading it back. A failed creation throws its own exception.
    /// </summary>
    public async Task<Execution> CreateAndWaitAsync(string id, Func<Task<Execution>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        var created = new TaskCompletionSource<Execution?>();
        var waiting = changes.WaitAsync(id, _ => created.Task, cancellationToken, untilPaused: true);
        try
        {
            created.SetResult(await create());
        }
        catch (Exception e)
        {
            created.SetException(e);
        }

        return await waiting;
    }

    /// <summary>Waits until the execution is terminated (or paused, when <paramref name="untilPaused"/>), without polling.</summary>
    public Task<Execution> WaitAsync(string id, bool untilPaused, CancellationToken cancellationToken) =>
        changes.WaitAsync(id, c => queries.GetAsync(id, c), cancellationToken, untilPaused);

    private async Task<(Execution Execution, Pause? Pause)> PausedAsync(string id, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (execution.State.Current != StateType.PAUSED)
        {
            throw new IllegalStateException($"Execution '{id}' is not paused, can't resume it");
        }

        var flow = await flows.GetAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, cancellationToken);
        var paused = execution.TaskRunList.FirstOrDefault(r => r.State.Current == StateType.PAUSED);
        var tree = TaskTree.Of(flow);
        return (execution, paused is not null && tree.Contains(paused.TaskId) ? tree.Task(paused.TaskId) as Pause : null);
    }

    private async Task<Execution> GetAsync(string id, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) ?? throw NotFound(id);

    private static NotFoundException NotFound(string id) => new($"Execution '{id}' not found");
}
