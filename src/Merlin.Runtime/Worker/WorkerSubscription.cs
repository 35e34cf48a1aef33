using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Hosting;

namespace Merlin.Runtime.Worker;

/// <summary>Makes the worker take the jobs of <see cref="IWorkerJobQueue"/> while the host runs.</summary>
public sealed class WorkerSubscription(IWorkerJobQueue jobs, TaskWorker worker) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = jobs.Subscribe(worker);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
