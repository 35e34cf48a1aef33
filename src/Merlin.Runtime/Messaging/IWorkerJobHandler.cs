namespace Merlin.Runtime.Messaging;

/// <summary>What a worker does with the jobs of <see cref="IWorkerJobQueue"/>.</summary>
public interface IWorkerJobHandler
{
    /// <summary>Starts the job; returns once it ended or continues asynchronously (its result goes to <see cref="IWorkerResultQueue"/>).</summary>
    void Run(WorkerJob job);

    void Kill(string taskRunId);
}
