using Merlin.Core.Flows;
using Merlin.Core.Plugins;
using Merlin.Core.Storage;

namespace Merlin.Plugins.KeyValue;

/// <summary>Reads a KV entry into the output <c>value</c> (null when missing, unless <see cref="ErrorOnMissing"/>).</summary>
[Plugin("io.kestra.plugin.core.kv.Get")]
public sealed class KvGet : RunnableTask
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
        var entry = await store.GetAsync(ns, key, cancellationToken);
        if (entry is null && ErrorOnMissing)
        {
            throw new InvalidOperationException($"No value found for key '{key}' in namespace '{ns}' and `errorOnMissing` is set to true");
        }

        return TaskResult.Of(("value", entry?.Value));
    }
}
