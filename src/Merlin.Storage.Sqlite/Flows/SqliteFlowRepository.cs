using Merlin.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite.Flows;

/// <summary>Every revision of every flow, one row each; the (namespace, id, revision) key makes appends race-free.</summary>
public sealed class SqliteFlowRepository(SqliteDatabase database) : IFlowRepository
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
        SELECT {Columns} FROM flows AS f
        WHERE f.deleted = 0 AND (@namespace IS NULL OR f.namespace = @namespace)
          AND f.revision = (SELECT MAX(revision) FROM flows AS g WHERE g.namespace = f.namespace AND g.id = f.id)
        ORDER BY f.namespace, f.id
        """;

    public Task<FlowRecord?> GetLatestAsync(string @namespace, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Query(SelectLatest, c => c.Set("@namespace", @namespace).Set("@id", id)).FirstOrDefault());

    public Task<FlowRecord?> GetRevisionAsync(string @namespace, string id, int revision, CancellationToken cancellationToken) =>
        Task.FromResult(Query(SelectRevision, c => c.Set("@namespace", @namespace).Set("@id", id).Set("@revision", revision)).FirstOrDefault());

    public Task<IReadOnlyList<FlowRecord>> GetRevisionsAsync(string @namespace, string id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FlowRecord>>(Query(SelectRevisions, c => c.Set("@namespace", @namespace).Set("@id", id)));

    public Task<bool> AppendAsync(FlowRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.WriteAsync(
            context => context.Command(Append)
                .Set("@namespace", record.Namespace)
                .Set("@id", record.Id)
                .Set("@revision", record.Revision)
                .Set("@source", record.Source)
                .Set("@deleted", record.Deleted)
                .Set("@updated", SqliteDates.ToText(record.Updated))
                .ExecuteNonQuery() == 1,
            cancellationToken);
    }

    public Task<IReadOnlyList<FlowRecord>> ListLiveAsync(string? @namespace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FlowRecord>>(Query(SelectLive, c => c.Set("@namespace", @namespace)));

    private List<FlowRecord> Query(string sql, Action<SqliteCommand> bind) => database.Read(read =>
    {
        var command = read.Command(sql);
        bind(command);
        using var reader = command.ExecuteReader();
        var records = new List<FlowRecord>();
        while (reader.Read())
        {
            records.Add(new FlowRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetString(3),
                reader.GetBoolean(4),
                SqliteDates.FromText(reader.GetString(5))));
        }

        return records;
    });
}
