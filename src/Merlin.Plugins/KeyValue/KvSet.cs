using System.Text.RegularExpressions;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.KeyValue;

/// <summary>
/// Stores a value in the namespace KV store. <see cref="Value"/> is rendered typed (a single expression keeps its type);
/// <see cref="KvType"/> casts a string value; <see cref="Ttl"/> sets an expiry.
/// </summary>
[Plugin("io.kestra.plugin.core.kv.Set")]
public sealed partial class KvSet : RunnableTask
{
    [Required] public string Key { get; init; } = "";

    /// <summary>A string (rendered typed) or any YAML value (string leaves rendered).</summary>
    [Required] public object? Value { get; init; }
    public string Namespace { get; init; } = "{{ flow.namespace }}";
    public bool Overwrite { get; init; } = true;
    public string? Ttl { get; init; }
    public KvType? KvType { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.Kv;
        var ns = context.RenderRequired(Namespace, "namespace");
        var key = context.RenderRequired(Key, "key");
        if (!KeyPattern().IsMatch(key))
        {
            throw new InvalidOperationException($"Key '{key}' does not match the pattern [a-zA-Z0-9][a-zA-Z0-9._-]*");
        }

        if (!Overwrite && await store.GetAsync(ns, key, cancellationToken) is not null)
        {
            throw new InvalidOperationException($"Cannot set value for key '{key}'. Key already exists and `overwrite` is set to `false`.");
        }

        var value = Value is string template ? context.RenderTyped(template) : context.RenderValue(Value);
        if (KvType is { } type)
        {
            value = KvValueCaster.Cast(value, type);
        }

        var now = DateTimeOffset.UtcNow;
        var expires = Ttl is null ? (DateTimeOffset?)null : now + IsoDuration.Parse(context.RenderRequired(Ttl, "ttl"));
        await store.SetAsync(new KvEntry(ns, key, value, expires, now), cancellationToken);
        return TaskResult.Empty;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9._-]*$")]
    private static partial Regex KeyPattern();
}
