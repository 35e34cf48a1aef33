using Merlin.Core.Flows;
using Merlin.Core.Plugins;
using Merlin.Core.Storage;

namespace Merlin.Plugins.KeyValue;

/// <summary>Deletes a KV entry; output <c>deleted</c> says whether it existed.</summary>
[Plugin("io.kestra.plugin.core.kv.Delete")]
public sealed class KvDelete : RunnableTask
{
    [Required] public string Key { get; init; } = "";
    public string Namespace { get; init; } = "{{ flow.namespace }}";
    public bool ErrorOnMissing { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.RequireService<IKvStore>(this);
        var ns = context.RenderRequired(Namespace, "namespace");
        var key = context.RenderRequired(Key, "key");
        var deleted = await store.DeleteAsync(ns, key, cancellationToken);
        if (!deleted && ErrorOnMissing)
        {
            throw new InvalidOperationException($"No value found for key '{key}' in namespace '{ns}' and `errorOnMissing` is set to true");
        }

        return TaskResult.Of(("deleted", deleted));
    }
}
