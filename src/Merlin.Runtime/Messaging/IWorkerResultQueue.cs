namespace Merlin.Runtime.Messaging;

/// <summary>Results of task runs, from the workers to the executor (today's <c>TaskRunReported</c> events).</summary>
public interface IWorkerResultQueue
{
    /// <summary>Reports the end of an attempt; the executor applies it to the execution.</summary>
    Task ReportAsync(WorkerResult result, CancellationToken cancellationToken);
}
