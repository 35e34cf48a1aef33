using System.Text.Json;
using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Kv;

/// <summary>Kestra's KV store routes, <c>/api/v1/namespaces/{namespace}/kv</c>: typed values with an optional TTL.</summary>
public sealed class KvClient
{
    private readonly ApiConnection _api;

    internal KvClient(ApiConnection api) => _api = api;

    /// <summary>The keys of a namespace (expired ones hidden).</summary>
    public Task<IReadOnlyList<KvEntry>> ListAsync(string @namespace, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<KvEntry>>(HttpMethod.Get, Path(@namespace), null, cancellationToken);

    /// <summary>A value and its type (404 when missing, 410 when expired).</summary>
    public Task<KvValue> GetAsync(string @namespace, string key, CancellationToken cancellationToken = default) =>
        _api.SendAsync<KvValue>(HttpMethod.Get, Path(@namespace, key), null, cancellationToken);

    /// <summary>Sets a value, serialized as JSON (a string, number, boolean, object or list), expiring after <paramref name="ttl"/>.</summary>
    public async Task SetAsync<T>(string @namespace, string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(JsonSerializer.Serialize(value, MerlinJson.Options), System.Text.Encoding.UTF8, "application/json");
        if (ttl is { } duration)
        {
            content.Headers.Add("ttl", System.Xml.XmlConvert.ToString(duration));
        }

        await _api.SendAsync(HttpMethod.Put, Path(@namespace, key), content, cancellationToken);
    }

    /// <summary>Deletes a key; false when it did not exist.</summary>
    public Task<bool> DeleteAsync(string @namespace, string key, CancellationToken cancellationToken = default) =>
        _api.SendAsync<bool>(HttpMethod.Delete, Path(@namespace, key), null, cancellationToken);

    private static string Path(string @namespace, string? key = null) =>
        $"api/v1/namespaces/{ApiConnection.Escape(@namespace)}/kv" + (key is null ? "" : "/" + ApiConnection.Escape(key));
}
