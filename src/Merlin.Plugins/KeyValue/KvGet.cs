using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.KeyValue;

/// <summary>Reads a KV entry into the output <c>value</c> (null when missing, unless <c>errorOnMissing</c>).</summary>
[Plugin("io.kestra.plugin.core.kv.Get")]
public sealed class KvGet : KvEntryTask
{
    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        var (store, ns, key) = Resolve(context);
        var entry = await store.GetAsync(ns, key, cancellationToken);
        CheckFound(entry is not null, ns, key);
        return TaskResult.Of(("value", entry?.Value));
    }
}
