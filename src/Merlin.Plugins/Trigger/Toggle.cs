using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Trigger;

/// <summary>
/// Enables or disables a trigger of a flow (the current one by default), as the triggers API does: the flow and the
/// trigger must exist; a trigger that never ran gets a state.
/// </summary>
[Plugin("io.kestra.plugin.core.trigger.Toggle", "io.kestra.core.tasks.trigger.Toggle")]
public sealed class Toggle : RunnableTask
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    [Required] public string Trigger { get; init; } = "";
    public bool Enabled { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = Namespace is null ? context.Execution.Namespace : context.RenderRequired(Namespace, "namespace");
        var flowId = FlowId is null ? context.Execution.FlowId : context.RenderRequired(FlowId, "flowId");
        await context.Triggers.SetEnabledAsync(ns, flowId, context.RenderRequired(Trigger, "trigger"), Enabled, cancellationToken);
        return TaskResult.Empty;
    }
}
