using Merlin.Core.Executions;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Scheduler;

/// <summary>How the scheduler starts executions and looks at the ones it started (a seam for tests).</summary>
public interface ITriggerLauncher
{
    /// <summary>Creates and commits an execution; throws when the flow refuses it (disabled, invalid inputs...).</summary>
    Task<Execution> StartAsync(ExecutionRequest request, CancellationToken cancellationToken);

    /// <summary>The latest known state of an execution, or null if it does not exist.</summary>
    Task<Execution?> GetAsync(string executionId, CancellationToken cancellationToken);
}
