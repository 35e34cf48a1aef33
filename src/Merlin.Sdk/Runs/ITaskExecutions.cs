namespace Merlin.Sdk.Runs;

/// <summary>Actions a task may take on executions (Kestra's <c>execution.Resume</c>).</summary>
public interface ITaskExecutions
{
    /// <summary>Resumes a PAUSED execution with these <c>onResume</c> inputs; throws when it does not exist or is not PAUSED.</summary>
    Task ResumeAsync(string executionId, IReadOnlyDictionary<string, object?>? inputs, CancellationToken cancellationToken);
}
