using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.State;

/// <summary>Deprecated (use KV): merges the rendered <c>data</c> into a state map; outputs <c>count</c> and <c>key</c>. Not safe against concurrent executions, as in Kestra.</summary>
[Plugin("io.kestra.plugin.core.state.Set", "io.kestra.core.tasks.states.Set")]
public sealed class StateSet : RunnableTask
{
    public string Name { get; init; } = "default";
    public bool Namespace { get; init; }
    public bool TaskrunValue { get; init; } = true;
    public Dictionary<string, object?>? Data { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = StateStore.For(context, context.RenderRequired(Name, "name"), Namespace, TaskrunValue);
        var merged = await store.GetAsync(cancellationToken) ?? [];
        if (context.RenderValue(Data) is IReadOnlyDictionary<string, object?> data)
        {
            foreach (var (key, value) in data)
            {
                merged[key] = value;
            }
        }

        await store.PutAsync(merged, cancellationToken);
        return TaskResult.Of(("count", merged.Count), ("key", store.Key));
    }
}
