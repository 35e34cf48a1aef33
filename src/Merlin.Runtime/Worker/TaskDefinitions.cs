using Merlin.Core.Engine;
using Merlin.Core.Flows;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Worker;

/// <summary>
/// Finds the definition a job runs by flow revision and task id, as the engine does (<see cref="TaskTree"/>); a stored
/// revision never changes, so the flow service's cache of parsed revisions serves every later job of that revision.
/// </summary>
public sealed class TaskDefinitions(FlowService flows)
{
    public async ValueTask<RunnableTask> GetAsync(WorkerJob job, CancellationToken cancellationToken)
    {
        if (job.Task is { } resolved)
        {
            return resolved;
        }

        var flow = await flows.GetAsync(job.Namespace, job.FlowId, job.FlowRevision, cancellationToken);
        var tree = TaskTree.Of(flow);
        return tree.Contains(job.TaskId) && tree.Task(job.TaskId) is RunnableTask task
            ? task
            : throw new InvalidOperationException($"Task '{job.TaskId}' of flow '{job.Namespace}.{job.FlowId}' revision {job.FlowRevision} is not a runnable task");
    }
}
