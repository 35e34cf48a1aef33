using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.State;

/// <summary>Deprecated (use KV): deletes a state map; outputs <c>deleted</c> (an error when missing only with <c>errorOnMissing</c>).</summary>
[Plugin("io.kestra.plugin.core.state.Delete", "io.kestra.core.tasks.states.Delete")]
public sealed class StateDelete : RunnableTask
{
    public string Name { get; init; } = "default";
    public bool Namespace { get; init; }
    public bool TaskrunValue { get; init; } = true;
    public bool ErrorOnMissing { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = StateStore.For(context, context.RenderRequired(Name, "name"), Namespace, TaskrunValue);
        var deleted = await store.DeleteAsync(cancellationToken);
        if (!deleted && ErrorOnMissing)
        {
            throw new FileNotFoundException($"State {store.Key} not found");
        }

        return TaskResult.Of(("deleted", deleted));
    }
}
