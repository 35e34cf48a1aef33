using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's KV routes over the namespace KV store (what <c>kv()</c> and the KV tasks read):
/// <c>/api/v1/namespaces/{namespace}/kv</c> and <c>.../kv/{key}</c>.
/// </summary>
internal static partial class KvEndpoints
{
    public static void MapKvEndpoints(this IEndpointRouteBuilder app)
    {
        var kv = app.MapGroup("/api/v1/namespaces/{namespace}/kv");

        kv.MapGet("", async (string @namespace, IKvStore store, CancellationToken ct) =>
                Results.Json((await store.ListAsync(@namespace, ct)).Select(Listed), ApiJson.Options))
            .WithName("listKeys").WithSummary("List the keys of a namespace's KV store");

        kv.MapGet("/{key}", async (string @namespace, string key, IKvStore store, CancellationToken ct) =>
            {
                var entry = await store.GetAsync(@namespace, CheckKey(key), ct)
                            ?? throw new NotFoundException($"No value found for key '{key}' in namespace '{@namespace}'");
                return Results.Json(new { type = KvValueType.Of(entry.Value), value = entry.Value }, ApiJson.Options);
            })
            .WithName("getKeyValue").WithSummary("Get a value and its type from a namespace's KV store");

        kv.MapPut("/{key}", async (string @namespace, string key, HttpRequest request, IKvStore store, TimeProvider clock, CancellationToken ct) =>
            {
                CheckKey(key);
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var value = ParseValue(await reader.ReadToEndAsync(ct));
                var now = clock.GetUtcNow();
                var ttl = request.Headers["ttl"].ToString();
                var expires = ttl.Length > 0 ? now + IsoDuration.Parse(ttl) : (DateTimeOffset?)null;
                await store.SetAsync(new KvEntry(@namespace, key, value, expires, now), ct);
                return Results.Ok();
            })
            .WithName("setKeyValue").WithSummary("Put a value (one JSON value, or an unquoted date or date-time) in a namespace's KV store");

        kv.MapDelete("/{key}", async (string @namespace, string key, IKvStore store, CancellationToken ct) =>
                Results.Json(await store.DeleteAsync(@namespace, CheckKey(key), ct)))
            .WithName("deleteKeyValue").WithSummary("Delete a key of a namespace's KV store; answers whether it existed");

        kv.MapDelete("", async (string @namespace, HttpRequest request, IKvStore store, CancellationToken ct) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                var deleted = new List<string>();
                foreach (var key in body.RootElement.TryGetProperty("keys", out var keys) ? keys.EnumerateArray().Select(k => k.GetString() ?? "") : [])
                {
                    if (await store.DeleteAsync(@namespace, CheckKey(key), ct))
                    {
                        deleted.Add(key);
                    }
                }

                return Results.Json(new { keys = deleted });
            })
            .WithName("deleteKeyValues").WithSummary("Delete several keys of a namespace's KV store");
    }

    private static object Listed(KvEntry entry) => entry.ExpiresAt is { } expires
        ? new { key = entry.Key, creationDate = entry.Updated, updateDate = entry.Updated, expirationDate = expires }
        : new { key = entry.Key, creationDate = entry.Updated, updateDate = entry.Updated };

    private static string CheckKey(string key) => KeyPattern().IsMatch(key)
        ? key
        : throw new Runtime.Errors.IllegalArgumentException($"Key '{key}' does not match the pattern [a-zA-Z0-9][a-zA-Z0-9._-]*");

    /// <summary>One JSON value; as Kestra's Ion reader, an unquoted date or date-time is taken as that text.</summary>
    private static object? ParseValue(string body)
    {
        var text = body.Trim();
        if (DateOrDateTime().IsMatch(text))
        {
            return text;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return PlainValueConverter.FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            throw new Runtime.Errors.IllegalArgumentException($"Invalid JSON value for: {text}");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9._-]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$")]
    private static partial Regex DateOrDateTime();
}
