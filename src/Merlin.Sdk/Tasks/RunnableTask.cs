using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Tasks;

/// <summary>A task that a worker runs: it renders its properties, does its work and returns outputs.</summary>
public abstract class RunnableTask : TaskDefinition
{
    public abstract Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken);
}
