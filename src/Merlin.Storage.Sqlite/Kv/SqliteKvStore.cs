using Merlin.Core.Json;
using Merlin.Core.Storage;

namespace Merlin.Storage.Sqlite.Kv;

/// <summary>Namespace KV entries; values are JSON text. Expired entries are filtered on read and purged on write.</summary>
public sealed class SqliteKvStore(SqliteDatabase database, TimeProvider time) : IKvStore
{
    private const string Upsert = """
        DELETE FROM kv WHERE namespace = @namespace AND expires_at <= @now;
        INSERT INTO kv (namespace, key, value, expires_at, updated) VALUES (@namespace, @key, @value, @expires_at, @updated)
        ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated = excluded.updated;
        """;

    private const string Select = """
        SELECT namespace, key, value, expires_at, updated FROM kv
        WHERE namespace = @namespace AND (@key IS NULL OR key = @key) AND (expires_at IS NULL OR expires_at > @now)
        ORDER BY key
        """;

    private const string Delete = "DELETE FROM kv WHERE namespace = @namespace AND key = @key AND (expires_at IS NULL OR expires_at > @now)";

    public Task<KvEntry?> GetAsync(string @namespace, string key, CancellationToken cancellationToken) =>
        Task.FromResult(Query(@namespace, key).FirstOrDefault());

    public Task SetAsync(KvEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = KestraJson.Serialize(entry.Value);
        var now = SqliteDates.ToText(time.GetUtcNow());
        return database.WriteAsync(
            context => context.Command(Upsert)
                .Set("@namespace", entry.Namespace)
                .Set("@key", entry.Key)
                .Set("@value", value)
                .Set("@expires_at", SqliteDates.ToParameter(entry.ExpiresAt))
                .Set("@updated", SqliteDates.ToText(entry.Updated))
                .Set("@now", now)
                .ExecuteNonQuery(),
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string @namespace, string key, CancellationToken cancellationToken)
    {
        var now = SqliteDates.ToText(time.GetUtcNow());
        return database.WriteAsync(
            context => context.Command(Delete).Set("@namespace", @namespace).Set("@key", key).Set("@now", now).ExecuteNonQuery() > 0,
            cancellationToken);
    }

    public Task<IReadOnlyList<KvEntry>> ListAsync(string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KvEntry>>(Query(@namespace, null));

    private List<KvEntry> Query(string @namespace, string? key) => database.Read(read =>
    {
        var command = read.Command(Select);
        command.Set("@namespace", @namespace).Set("@key", key).Set("@now", SqliteDates.ToText(time.GetUtcNow()));
        using var reader = command.ExecuteReader();
        var entries = new List<KvEntry>();
        while (reader.Read())
        {
            entries.Add(new KvEntry(
                reader.GetString(0),
                reader.GetString(1),
                KestraJson.Deserialize<object>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : SqliteDates.FromText(reader.GetString(3)),
                SqliteDates.FromText(reader.GetString(4))));
        }

        return entries;
    });
}
