using System.Text.Json;
using System.Text.RegularExpressions;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's namespace KV routes over <see cref="IKvStore"/>: list, get (<c>{type, value}</c>), put (one JSON value,
/// or an unquoted date / date-time literal; optional <c>ttl</c> header), delete one (<c>true</c>/<c>false</c>) and
/// delete several (<c>{"keys": [...]}</c>).
/// </summary>
internal static partial class KvEndpoints
{
    public static void MapKvEndpoints(this IEndpointRouteBuilder app)
    {
        var kv = app.MapGroup("/api/v1/namespaces/{namespace}/kv");

        kv.MapGet("", async (string @namespace, IKvStore store, CancellationToken ct) =>
            Results.Json((await store.ListAsync(@namespace, ct)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new
            {
                key = e.Key,
                creationDate = e.Updated,
                updateDate = e.Updated,
                expirationDate = e.ExpiresAt,
            }), ApiJson.Options));

        kv.MapGet("/{key}", async (string @namespace, string key, IKvStore store, CancellationToken ct) =>
        {
            var entry = await store.GetAsync(@namespace, ValidKey(key), ct)
                ?? throw new NotFoundException($"No value found for key '{key}' in namespace '{@namespace}'");
            return Results.Json(new { type = TypeOf(entry.Value), value = entry.Value }, ApiJson.Options);
        });

        kv.MapPut("/{key}", async (string @namespace, string key, HttpRequest request, IKvStore store, TimeProvider clock, CancellationToken ct) =>
        {
            ValidKey(key);
            var value = ParseValue(await RequestBody.ReadTextAsync(request, ct));
            var ttl = request.Headers["ttl"].ToString();
            var now = clock.GetUtcNow();
            DateTimeOffset? expires = null;
            if (ttl.Length > 0)
            {
                expires = IsoDuration.TryParse(ttl, out var duration) && duration > TimeSpan.Zero
                    ? now + duration
                    : throw new InvalidEntityException($"Invalid ttl '{ttl}': expected an ISO-8601 duration such as PT5M");
            }

            await store.SetAsync(new KvEntry(@namespace, key, value, expires, now), ct);
            return Results.Ok();
        });

        kv.MapDelete("/{key}", async (string @namespace, string key, IKvStore store, CancellationToken ct) =>
            Results.Json(await store.DeleteAsync(@namespace, ValidKey(key), ct), ApiJson.Options));

        kv.MapDelete("", async (string @namespace, [FromBody] KeysBody body, IKvStore store, CancellationToken ct) =>
        {
            var deleted = new List<string>();
            foreach (var key in body.Keys ?? [])
            {
                if (await store.DeleteAsync(@namespace, ValidKey(key), ct))
                {
                    deleted.Add(key);
                }
            }

            return Results.Json(new { keys = deleted }, ApiJson.Options);
        });
    }

    internal sealed record KeysBody(List<string>? Keys);

    private static string ValidKey(string key) => KeyPattern().IsMatch(key)
        ? key
        : throw new InvalidEntityException($"Key '{key}' does not match the pattern [a-zA-Z0-9][a-zA-Z0-9._-]*");

    /// <summary>One JSON value, or Ion's unquoted date and date-time literals (kept as their text, typed on read).</summary>
    private static object? ParseValue(string body)
    {
        var text = body.Trim();
        if (DateLiteral().IsMatch(text))
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
            throw new InvalidEntityException($"Invalid JSON value for: {(text.Length > 100 ? text[..100] + "…" : text)}");
        }
    }

    /// <summary>Kestra's KV types, read from the stored value.</summary>
    private static string TypeOf(object? value) => value switch
    {
        bool => "BOOLEAN",
        long or int or double or decimal or float => "NUMBER",
        DateTimeOffset or DateTime => "DATETIME",
        string s when DateOnlyLiteral().IsMatch(s) => "DATE",
        string s when DateTimeLiteral().IsMatch(s) => "DATETIME",
        string s when s.StartsWith('P') && IsoDuration.TryParse(s, out _) => "DURATION",
        string => "STRING",
        _ => "JSON",
    };

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9._-]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")]
    private static partial Regex DateLiteral();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyLiteral();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimeLiteral();
}
