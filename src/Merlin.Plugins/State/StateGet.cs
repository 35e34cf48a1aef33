using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.State;

/// <summary>Deprecated (use KV): reads a state map; outputs <c>count</c> and <c>data</c> (empty when missing, unless <c>errorOnMissing</c>).</summary>
[Plugin("io.kestra.plugin.core.state.Get", "io.kestra.core.tasks.states.Get")]
public sealed class StateGet : RunnableTask
{
    public string Name { get; init; } = "default";
    public bool Namespace { get; init; }
    public bool TaskrunValue { get; init; } = true;
    public bool ErrorOnMissing { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = StateStore.For(context, context.RenderRequired(Name, "name"), Namespace, TaskrunValue);
        var data = await store.GetAsync(cancellationToken);
        if (data is null && ErrorOnMissing)
        {
            throw new FileNotFoundException($"State {store.Key} not found");
        }

        data ??= [];
        return TaskResult.Of(("count", data.Count), ("data", data));
    }
}
