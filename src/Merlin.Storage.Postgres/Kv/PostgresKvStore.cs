using Merlin.Core.Json;
using Merlin.Core.Storage;

namespace Merlin.Storage.Postgres.Kv;

/// <summary>Namespace KV entries; values are JSON text. Expired entries are filtered on read and purged on write.</summary>
public sealed class PostgresKvStore(PostgresDatabase database, TimeProvider time) : IKvStore
{
    private const string Purge = "DELETE FROM kv WHERE namespace = @namespace AND expires_at <= @now";

    private const string Upsert = """
        INSERT INTO kv (namespace, key, value, expires_at, updated) VALUES (@namespace, @key, @value, @expires_at, @updated)
        ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated = excluded.updated
        """;

    private const string Select = """
        SELECT namespace, key, value, expires_at, updated FROM kv
        WHERE namespace = @namespace AND (@key::text IS NULL OR key = @key) AND (expires_at IS NULL OR expires_at > @now)
        ORDER BY key
        """;

    private const string Delete = "DELETE FROM kv WHERE namespace = @namespace AND key = @key AND (expires_at IS NULL OR expires_at > @now)";

    public async Task<KvEntry?> GetAsync(string @namespace, string key, CancellationToken cancellationToken) =>
        (await Query(@namespace, key, cancellationToken)).FirstOrDefault();

    public Task SetAsync(KvEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = KestraJson.Serialize(entry.Value);
        var now = time.GetUtcNow();
        return database.WriteAsync(
            async context =>
            {
                await using (var purge = await context.CommandAsync(Purge))
                {
                    await purge.Text("namespace", entry.Namespace).Date("now", now).ExecuteNonQueryAsync();
                }

                await using var upsert = await context.CommandAsync(Upsert);
                return await upsert.Text("namespace", entry.Namespace).Text("key", entry.Key).Text("value", value)
                    .Date("expires_at", entry.ExpiresAt).Date("updated", entry.Updated).ExecuteNonQueryAsync();
            },
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(string @namespace, string key, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Delete, c => c.Text("namespace", @namespace).Text("key", key).Date("now", time.GetUtcNow()), cancellationToken) > 0;

    public async Task<IReadOnlyList<KvEntry>> ListAsync(string @namespace, CancellationToken cancellationToken) =>
        await Query(@namespace, null, cancellationToken);

    private Task<List<KvEntry>> Query(string @namespace, string? key, CancellationToken cancellationToken) =>
        database.QueryAsync(
            Select,
            c => c.Text("namespace", @namespace).Text("key", key).Date("now", time.GetUtcNow()),
            reader => new KvEntry(
                reader.GetString(0),
                reader.GetString(1),
                KestraJson.Deserialize<object>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : PostgresDates.FromText(reader.GetString(3)),
                PostgresDates.FromText(reader.GetString(4))),
            cancellationToken);
}
