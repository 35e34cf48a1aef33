namespace Merlin.Runtime.Messaging;

/// <summary>
/// Task runs for the workers (today's <c>RunTask</c> actions) and kill requests. In process a job starts on the caller's
/// thread (the executor loop) up to the inline budget, as before; across processes a backend keeps jobs in a queue
/// table that workers claim, and broadcasts kills.
/// </summary>
public interface IWorkerJobQueue
{
    /// <summary>Hands a job to a worker; it runs at least once. In process it has started (or ended) when this returns.</summary>
    Task DispatchAsync(WorkerJob job, CancellationToken cancellationToken);

    /// <summary>Interrupts a task run wherever it runs (nothing happens when it is not running).</summary>
    Task KillAsync(string taskRunId, CancellationToken cancellationToken);

    /// <summary>
    /// The worker's side: from now on jobs and kills go to <paramref name="worker"/>. Jobs dispatched before a worker
    /// subscribed wait for it.
    /// </summary>
    IDisposable Subscribe(IWorkerJobHandler worker);

    /// <summary>
    /// An executor's side, in a process without a worker: the jobs of local tasks (<see cref="Worker.LocalTasks"/>) it
    /// dispatches run on <paramref name="worker"/> here instead of crossing the queue. A queue whose jobs all run in
    /// process already (the in-process one) ignores it.
    /// </summary>
    IDisposable SubscribeLocal(IWorkerJobHandler worker) => NoSubscription.Instance;

    /// <summary>
    /// The task runs of these executions that a live worker runs or will run (their result is on its way): an executor
    /// taking the executions over must not run them again. None in process, where a crash took the worker too.
    /// </summary>
    Task<IReadOnlyList<(string ExecutionId, string TaskRunId)>> InFlightAsync(IReadOnlyCollection<string> executionIds, CancellationToken cancellationToken);
}

/// <summary>A subscription that holds nothing.</summary>
internal sealed class NoSubscription : IDisposable
{
    public static readonly NoSubscription Instance = new();

    public void Dispose()
    {
    }
}
