using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Worker;

/// <summary>The worker component: every job of the queue.</summary>
public sealed class WorkerSubscription(IWorkerJobQueue jobs, TaskWorker worker) : JobSubscription(jobs, worker)
{
    protected override IDisposable Subscribe(IWorkerJobQueue jobs, TaskWorker worker) => jobs.Subscribe(worker);
}
