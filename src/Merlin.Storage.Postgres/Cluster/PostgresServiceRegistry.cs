using Merlin.Runtime.Cluster;
using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Cluster;

/// <summary>
/// The cluster's live processes in <c>service_instances</c>, heartbeat times by the database clock. Beats go straight
/// to a pooled connection, not through the group writer: a heartbeat must say that this process reaches the database
/// now, not wait behind a large batch of others' writes.
/// </summary>
public sealed class PostgresServiceRegistry(PostgresDatabase database) : IServiceRegistry
{
    private const string Columns = "id, components, hostname, process_id, version, started_at, heartbeat_at";

    // xmax is 0 on a row this statement inserted, and set on one it updated: it tells a first registration apart.
    private const string Beat = """
        INSERT INTO service_instances (id, components, hostname, process_id, version, started_at, heartbeat_at)
        VALUES (@id, @components, @hostname, @process_id, @version, @started_at, now())
        ON CONFLICT (id) DO UPDATE SET components = excluded.components, version = excluded.version, heartbeat_at = now()
        RETURNING xmax <> 0
        """;

    private const string Reap = $"DELETE FROM service_instances WHERE heartbeat_at < now() - @timeout RETURNING {Columns}";

    public Task<bool> BeatAsync(ServiceInstance self, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        return database.ReadAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(Beat, connection);
                command.Text("id", self.Id).Array("components", NpgsqlDbType.Text, self.Components).Text("hostname", self.Hostname)
                    .Int("process_id", self.ProcessId).Text("version", self.Version).Timestamp("started_at", self.StartedAt);
                return (bool)(await command.ExecuteScalarAsync(cancellationToken))!; // RETURNING answers one row
            },
            cancellationToken);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("DELETE FROM service_instances WHERE id = @id", connection);
                return await command.Text("id", id).ExecuteNonQueryAsync(cancellationToken) > 0;
            },
            cancellationToken);

    public async Task<IReadOnlyList<ServiceInstance>> ListAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {Columns} FROM service_instances ORDER BY id", _ => { }, Read, cancellationToken);

    // A DELETE ... RETURNING on a pooled connection, outside the group writer (see above).
    public async Task<IReadOnlyList<ServiceInstance>> ReapAsync(TimeSpan livenessTimeout, CancellationToken cancellationToken) =>
        await database.QueryAsync(Reap, c => c.Interval("timeout", livenessTimeout), Read, cancellationToken);

    private static ServiceInstance Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetFieldValue<string[]>(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6));
}
