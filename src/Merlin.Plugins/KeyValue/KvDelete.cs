using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.KeyValue;

/// <summary>Deletes a KV entry; output <c>deleted</c> says whether it existed.</summary>
[Plugin("io.kestra.plugin.core.kv.Delete")]
public sealed class KvDelete : KvEntryTask
{
    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        var (store, ns, key) = Resolve(context);
        var deleted = await store.DeleteAsync(ns, key, cancellationToken);
        CheckFound(deleted, ns, key);
        return TaskResult.Of(("deleted", deleted));
    }
}
