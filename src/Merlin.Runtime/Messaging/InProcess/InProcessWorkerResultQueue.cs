using Merlin.Core.Engine;

namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>Results go into the executor's queue as <see cref="ExecutionEvent.TaskRunReported"/> events.</summary>
public sealed class InProcessWorkerResultQueue(IExecutionQueue executor) : IWorkerResultQueue
{
    public Task ReportAsync(WorkerResult result, CancellationToken cancellationToken) =>
        executor.SendAsync(result.ExecutionId, new ExecutionEvent.TaskRunReported(result.TaskRunId, result.State, result.Outputs, result.LogFile, result.DirectoryOutputFiles), cancellationToken);
}
