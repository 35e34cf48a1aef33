using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.KeyValue;

/// <summary>Lists the keys of a namespace (optionally those starting with <see cref="Prefix"/>) into the output <c>keys</c>.</summary>
[Plugin("io.kestra.plugin.core.kv.GetKeys")]
public sealed class KvGetKeys : RunnableTask
{
    public string? Prefix { get; init; }
    public string Namespace { get; init; } = "{{ flow.namespace }}";

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.Kv;
        var ns = context.RenderRequired(Namespace, "namespace");
        var prefix = context.Render(Prefix);
        var now = DateTimeOffset.UtcNow;
        var keys = (await store.ListAsync(ns, cancellationToken))
            .Where(e => e.ExpiresAt is null || e.ExpiresAt > now)
            .Select(e => e.Key)
            .Where(k => prefix is null || k.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        return TaskResult.Of(("keys", keys));
    }
}
