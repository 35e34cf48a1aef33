using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.State;

/// <summary>
/// Kestra's task state store: a JSON map kept in the namespace KV store under
/// <c>[flow-slug_]states_tasks-states_{name}[_{hash of taskrun.value}]</c>, scoped to the flow unless <c>namespace</c> is true.
/// </summary>
internal sealed class StateStore(ITaskKv kv, string @namespace, string key)
{
    public string Key { get; } = key;

    public static StateStore For(ITaskRunContext context, string name, bool namespaceScoped, bool taskrunValue)
    {
        var flowPrefix = namespaceScoped ? "" : Slug.Of(context.Execution.FlowId) + "_";
        var value = taskrunValue ? context.TaskRun.Value : null;
        var key = $"{flowPrefix}states_tasks-states_{name}" + (value is null ? "" : "_" + Hash(value));
        return new StateStore(context.Kv, context.Execution.Namespace, key);
    }

    /// <summary>The stored map, or null when there is none.</summary>
    public async Task<Dictionary<string, object?>?> GetAsync(CancellationToken cancellationToken)
    {
        var entry = await kv.GetAsync(@namespace, Key, cancellationToken);
        return entry?.Value switch
        {
            null => null,
            string json => PlainValueConverter.FromElement(JsonDocument.Parse(json).RootElement) as Dictionary<string, object?> ?? [],
            IReadOnlyDictionary<string, object?> map => new Dictionary<string, object?>(map),
            _ => [],
        };
    }

    public Task PutAsync(IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken) =>
        kv.SetAsync(new KvEntry(@namespace, Key, JsonSerializer.Serialize(data, PlainJson.Options), null, DateTimeOffset.UtcNow), cancellationToken);

    public Task<bool> DeleteAsync(CancellationToken cancellationToken) => kv.DeleteAsync(@namespace, Key, cancellationToken);

    /// <summary>A stable, key-safe hash of the task run value (Kestra hashes it too, with another function).</summary>
    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];
}
