using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Execution;

/// <summary>Resumes a PAUSED execution (the current one by default) with optional <c>onResume</c> inputs.</summary>
[Plugin("io.kestra.plugin.core.execution.Resume")]
public sealed class Resume : RunnableTask
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    public string? ExecutionId { get; init; }
    public Dictionary<string, object?>? Inputs { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var executionId = ExecutionId is null ? context.Execution.Id : context.RenderRequired(ExecutionId, "executionId");
        var inputs = Inputs is null ? null : context.RenderValue(Inputs) as IReadOnlyDictionary<string, object?>;
        await context.Executions.ResumeAsync(executionId, inputs, cancellationToken);
        return TaskResult.Empty;
    }
}
