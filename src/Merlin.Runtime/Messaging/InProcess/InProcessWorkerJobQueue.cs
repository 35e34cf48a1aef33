namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>
/// Jobs go straight to the worker of this process, on the dispatching thread: an executor loop starts a task inline
/// (the worker moves it off the loop past its budget), with no queue and no copy in between.
/// </summary>
public sealed class InProcessWorkerJobQueue : IWorkerJobQueue
{
    private readonly Lock _gate = new();
    private readonly List<WorkerJob> _waiting = [];
    private volatile IWorkerJobHandler? _worker;

    public Task DispatchAsync(WorkerJob job, CancellationToken cancellationToken)
    {
        if (_worker is { } worker)
        {
            worker.Run(job);
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_worker is null)
            {
                _waiting.Add(job); // no worker yet (start-up order): it runs them when it subscribes
                return Task.CompletedTask;
            }
        }

        _worker.Run(job);
        return Task.CompletedTask;
    }

    public Task KillAsync(string taskRunId, CancellationToken cancellationToken)
    {
        if (_worker is { } worker)
        {
            worker.Kill(taskRunId);
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            _waiting.RemoveAll(j => j.TaskRunId == taskRunId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string ExecutionId, string TaskRunId)>> InFlightAsync(IReadOnlyCollection<string> executionIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, string)>>([]);

    public IDisposable Subscribe(IWorkerJobHandler worker)
    {
        List<WorkerJob> waiting;
        lock (_gate)
        {
            if (_worker is not null)
            {
                throw new InvalidOperationException("A worker already takes this process's jobs");
            }

            _worker = worker;
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var job in waiting)
        {
            worker.Run(job);
        }

        return new Unsubscriber(this);
    }

    private sealed class Unsubscriber(InProcessWorkerJobQueue queue) : IDisposable
    {
        public void Dispose()
        {
            lock (queue._gate)
            {
                queue._worker = null;
            }
        }
    }
}
