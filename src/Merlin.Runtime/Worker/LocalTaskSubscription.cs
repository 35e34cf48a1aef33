using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Hosting;

namespace Merlin.Runtime.Worker;

/// <summary>
/// Makes this process's <see cref="TaskWorker"/> run the local tasks (<see cref="LocalTasks"/>) its executor dispatches,
/// while the host runs, in a process without a worker component (<see cref="IWorkerJobQueue.SubscribeLocal"/>).
/// </summary>
public sealed class LocalTaskSubscription(IWorkerJobQueue jobs, TaskWorker worker) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = jobs.SubscribeLocal(worker);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
