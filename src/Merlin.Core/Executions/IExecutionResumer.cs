namespace Merlin.Core.Executions;

/// <summary>Resumes a PAUSED execution from a task (Kestra's <c>execution.Resume</c>); implemented by the runtime.</summary>
public interface IExecutionResumer
{
    /// <summary>Resumes the execution with these <c>onResume</c> inputs; throws when it does not exist or is not PAUSED.</summary>
    Task ResumeAsync(string executionId, IReadOnlyDictionary<string, object?>? inputs, CancellationToken cancellationToken);
}
