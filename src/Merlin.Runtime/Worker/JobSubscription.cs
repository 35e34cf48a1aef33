using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Hosting;

namespace Merlin.Runtime.Worker;

/// <summary>Makes the worker take jobs of <see cref="IWorkerJobQueue"/> while the host runs.</summary>
public abstract class JobSubscription(IWorkerJobQueue jobs, TaskWorker worker) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = Subscribe(jobs, worker);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    protected abstract IDisposable Subscribe(IWorkerJobQueue jobs, TaskWorker worker);
}
