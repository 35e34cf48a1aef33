using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Executions;

/// <summary>Resumes a PAUSED execution on behalf of a task: checks its state, then hands the executor a resume event.</summary>
public sealed class ExecutionResumer(IExecutionQueue queue, ExecutionQueries queries) : ITaskExecutions
{
    public async Task ResumeAsync(string executionId, IReadOnlyDictionary<string, object?>? inputs, CancellationToken cancellationToken)
    {
        var execution = await queries.GetAsync(executionId, cancellationToken)
            ?? throw new InvalidOperationException($"No execution found for execution id {executionId}");
        if (execution.State.Current != StateType.PAUSED)
        {
            throw new InvalidOperationException($"Execution '{executionId}' is not paused ({execution.State.Current})");
        }

        await queue.SendAsync(executionId, new ExecutionEvent.Resume(inputs), cancellationToken);
    }
}
