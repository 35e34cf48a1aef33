using Merlin.Core.Executions;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Scheduler;

/// <summary>Starts trigger executions through <see cref="ExecutionService"/> and reads them as the API does.</summary>
public sealed class ExecutionLauncher(ExecutionService executions, ExecutionQueries queries) : ITriggerLauncher
{
    public Task<Execution> StartAsync(ExecutionRequest request, CancellationToken cancellationToken) =>
        executions.CreateAsync(request, cancellationToken);

    public Task<Execution?> GetAsync(string executionId, CancellationToken cancellationToken) =>
        queries.GetAsync(executionId, cancellationToken);
}
