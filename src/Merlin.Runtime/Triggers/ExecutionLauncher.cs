using Merlin.Core.Executions;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Triggers;

/// <summary>Starts trigger executions through <see cref="ExecutionService"/> and reads them from the executor.</summary>
public sealed class ExecutionLauncher(ExecutionService executions, Executor executor) : ITriggerLauncher
{
    public Task<Execution> StartAsync(ExecutionRequest request, CancellationToken cancellationToken) =>
        executions.CreateAsync(request, cancellationToken);

    public Task<Execution?> GetAsync(string executionId, CancellationToken cancellationToken) =>
        executor.GetAsync(executionId, cancellationToken);
}
