using Merlin.Core.Storage;
using Npgsql;

namespace Merlin.Storage.Postgres.Flows;

/// <summary>Every revision of every flow, one row each; the (namespace, id, revision) key makes appends race-free across processes.</summary>
public sealed class PostgresFlowRepository(PostgresDatabase database) : IFlowRepository
{
    private const string Columns = "namespace, id, revision, source, deleted, updated";

    private const string Append = $"""
        INSERT INTO flows ({Columns}) VALUES (@namespace, @id, @revision, @source, @deleted, @updated)
        ON CONFLICT (namespace, id, revision) DO NOTHING
        """;

    private const string SelectLatest = $"SELECT {Columns} FROM flows WHERE namespace = @namespace AND id = @id ORDER BY revision DESC LIMIT 1";

    private const string SelectRevision = $"SELECT {Columns} FROM flows WHERE namespace = @namespace AND id = @id AND revision = @revision";

    private const string SelectRevisions = $"SELECT {Columns} FROM flows WHERE namespace = @namespace AND id = @id ORDER BY revision";

    private const string SelectLive = $"""
        SELECT DISTINCT ON (namespace, id) {Columns} FROM flows
        WHERE (@namespace::text IS NULL OR namespace = @namespace)
        ORDER BY namespace, id, revision DESC
        """;

    public async Task<FlowRecord?> GetLatestAsync(string @namespace, string id, CancellationToken cancellationToken) =>
        (await Query(SelectLatest, c => c.Text("namespace", @namespace).Text("id", id), cancellationToken)).FirstOrDefault();

    public async Task<FlowRecord?> GetRevisionAsync(string @namespace, string id, int revision, CancellationToken cancellationToken) =>
        (await Query(SelectRevision, c => c.Text("namespace", @namespace).Text("id", id).Int("revision", revision), cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<FlowRecord>> GetRevisionsAsync(string @namespace, string id, CancellationToken cancellationToken) =>
        await Query(SelectRevisions, c => c.Text("namespace", @namespace).Text("id", id), cancellationToken);

    public async Task<bool> AppendAsync(FlowRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var inserted = await database.ExecuteAsync(
            Append,
            c => c.Text("namespace", record.Namespace).Text("id", record.Id).Int("revision", record.Revision)
                .Text("source", record.Source).Bool("deleted", record.Deleted).Date("updated", record.Updated),
            cancellationToken);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<FlowRecord>> ListLiveAsync(string? @namespace, CancellationToken cancellationToken) =>
        (await Query(SelectLive, c => c.Text("namespace", @namespace), cancellationToken)).Where(f => !f.Deleted).ToList();

    private Task<List<FlowRecord>> Query(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.QueryAsync(
            sql,
            bind,
            reader => new FlowRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetString(3),
                reader.GetBoolean(4),
                PostgresDates.FromText(reader.GetString(5))),
            cancellationToken);
}
