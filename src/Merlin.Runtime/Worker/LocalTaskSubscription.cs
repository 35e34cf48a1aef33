using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Worker;

/// <summary>
/// An executor's process without a worker component: the local tasks (<see cref="LocalTasks"/>) its executor
/// dispatches run on this process's <see cref="TaskWorker"/> (<see cref="IWorkerJobQueue.SubscribeLocal"/>).
/// </summary>
public sealed class LocalTaskSubscription(IWorkerJobQueue jobs, TaskWorker worker) : JobSubscription(jobs, worker)
{
    protected override IDisposable Subscribe(IWorkerJobQueue jobs, TaskWorker worker) => jobs.SubscribeLocal(worker);
}
