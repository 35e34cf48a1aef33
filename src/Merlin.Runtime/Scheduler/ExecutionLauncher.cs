using Merlin.Core.Executions;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Executor;

namespace Merlin.Runtime.Scheduler;

/// <summary>Starts trigger executions through <see cref="ExecutionService"/> and reads them from the executor.</summary>
public sealed class ExecutionLauncher(ExecutionService executions, Executor.Executor executor) : ITriggerLauncher
{
    public Task<Execution> StartAsync(ExecutionRequest request, CancellationToken cancellationToken) =>
        executions.CreateAsync(request, cancellationToken);

    public Task<Execution?> GetAsync(string executionId, CancellationToken cancellationToken) =>
        executor.GetAsync(executionId, cancellationToken);
}
