using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Executions;

/// <summary>Reads executions as the API shows them: a running one as the executor holds it (possibly ahead of the store), else the stored one.</summary>
public sealed class ExecutionQueries(ILiveExecutions live, IExecutionRepository executions)
{
    public async Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) =>
        live.TryGet(id, out var running) ? running : await executions.GetAsync(id, cancellationToken);
}
