using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Files;

/// <summary>
/// Internal storage in the database: <c>kestra:///a/b/c.txt</c> is the row <c>a/b/c.txt</c> of <c>files</c>, its
/// content in chunks of <see cref="ChunkSize"/> bytes. A write is one transaction of its own (never in the writer's
/// batches: files may be large), so readers see the old file or the new one, never a part.
/// </summary>
public sealed class PostgresFileStorage(PostgresDatabase database, StoreHealth? health = null) : IFileStorage
{
    /// <summary>Bytes per chunk row: large enough for few rows, small enough that no single value is a burden.</summary>
    public const int ChunkSize = 1 << 20;

    private const string Lookup = "SELECT file_id, size FROM files WHERE path = @path";

    public async Task<string> PutAsync(string uri, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Key(uri, allowRoot: false);
        try
        {
            await WriteAsync(path, content, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && PostgresFaults.From(e) is { } fault)
        {
            health?.ReportFault(PostgresStoreProbe.Part, fault);
            throw fault;
        }

        health?.ReportWritable(PostgresStoreProbe.Part);
        return uri;
    }

    public async Task<Stream> GetAsync(string uri, CancellationToken cancellationToken)
    {
        var (fileId, size) = await FindAsync(uri, cancellationToken) ?? throw new FileNotFoundException($"No stored file at {uri}.", uri);
        return new PostgresFileReadStream(database, fileId, size);
    }

    public async Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken) =>
        await FindAsync(uri, cancellationToken) is not null;

    public async Task<long> SizeAsync(string uri, CancellationToken cancellationToken) =>
        (await FindAsync(uri, cancellationToken))?.Size ?? throw new FileNotFoundException($"No stored file at {uri}.", uri);

    public async Task<bool> DeleteAsync(string uri, CancellationToken cancellationToken)
    {
        var path = Key(uri, allowRoot: false);
        return await database.ExecuteAsync("DELETE FROM files WHERE path = @path", c => c.Text("path", path), cancellationToken) > 0;
    }

    /// <summary>The prefix names a folder: every file and folder below it is deleted (chunks follow by cascade); returns how many files.</summary>
    public Task<int> DeletePrefixAsync(string uriPrefix, CancellationToken cancellationToken)
    {
        var path = Key(uriPrefix, allowRoot: true);
        return database.WriteAsync(
            async context =>
            {
                await using (var folders = await context.CommandAsync($"DELETE FROM file_directories WHERE {Below}"))
                {
                    await BindBelow(folders, path).ExecuteNonQueryAsync();
                }

                await using var files = await context.CommandAsync($"DELETE FROM files WHERE {Below}");
                return await BindBelow(files, path).ExecuteNonQueryAsync();
            },
            cancellationToken);
    }

    /// <summary>
    /// Every file below the folder, and every folder: the explicit ones and those the files' paths imply (dated by
    /// their newest file).
    /// </summary>
    public async Task<IReadOnlyList<StoredEntry>> ListAsync(string uriPrefix, CancellationToken cancellationToken)
    {
        var folder = Key(uriPrefix, allowRoot: true);
        var sql = $"""
            SELECT path, false, size, updated FROM files WHERE {Below} AND path <> @path
            UNION ALL
            SELECT path, true, 0, created FROM file_directories WHERE {Below} AND path <> @path
            """;
        var rows = await database.QueryAsync(
            sql,
            c => BindBelow(c, folder),
            r => (Path: r.GetString(0), IsDirectory: r.GetBoolean(1), Size: r.GetInt64(2), Date: r.GetFieldValue<DateTimeOffset>(3)),
            cancellationToken);

        var start = folder.Length == 0 ? 0 : folder.Length + 1;
        var entries = new Dictionary<string, StoredEntry>(StringComparer.Ordinal);
        var prefix = folder.Length == 0 ? "kestra://" : uriPrefix.TrimEnd('/'); // the root keeps its three slashes
        foreach (var row in rows)
        {
            var relative = row.Path[start..].Split('/');
            for (var depth = 1; depth <= relative.Length; depth++)
            {
                var isLeaf = depth == relative.Length;
                var uri = prefix + "/" + string.Join('/', relative[..depth].Select(Uri.EscapeDataString));
                var entry = isLeaf
                    ? new StoredEntry(uri, row.IsDirectory, row.Size, row.Date, row.Date)
                    : new StoredEntry(uri, true, 0, row.Date, row.Date);
                entries[uri] = entries.TryGetValue(uri, out var known) && known.IsDirectory && entry.IsDirectory
                    ? known with { Created = Min(known.Created, entry.Created), LastModified = Max(known.LastModified, entry.LastModified) }
                    : entry;
            }
        }

        return entries.Values.ToList();
    }

    public Task CreateDirectoryAsync(string uri, CancellationToken cancellationToken)
    {
        var path = Key(uri, allowRoot: false);
        return database.ExecuteAsync(
            "INSERT INTO file_directories (path) VALUES (@path) ON CONFLICT (path) DO NOTHING",
            c => c.Text("path", path),
            cancellationToken);
    }

    // The folder itself and what is below it; '/' + 1 is '0', so in the "C" collation [path + '/', path + '0') holds
    // exactly what is below. The root (empty path) holds everything.
    private const string Below = "(@path = '' OR path = @path OR (path >= @from AND path < @to))";

    private static NpgsqlCommand BindBelow(NpgsqlCommand command, string path) =>
        command.Text("path", path).Text("from", path + "/").Text("to", path + "0");

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task<(Guid FileId, long Size)?> FindAsync(string uri, CancellationToken cancellationToken)
    {
        var path = Key(uri, allowRoot: false);
        var rows = await database.QueryAsync(Lookup, c => c.Text("path", path), r => (r.GetGuid(0), r.GetInt64(1)), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var fileId = Guid.NewGuid();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Writers of one path take turns (a transaction-scoped lock, released by the commit), so the second
        // replaces the first instead of failing on the primary key.
        await Execute(connection, "SELECT pg_advisory_xact_lock(1, hashtext(@path))", c => c.Text("path", path), cancellationToken);
        await Execute(connection, "DELETE FROM files WHERE path = @path", c => c.Text("path", path), cancellationToken);
        await Execute(connection, "INSERT INTO files (path, file_id, size) VALUES (@path, @file_id, 0)", c => c.Text("path", path).Uuid("file_id", fileId), cancellationToken);

        var buffer = new byte[ChunkSize];
        long size = 0;
        for (var seq = 0; ; seq++)
        {
            var read = await content.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                break;
            }

            await Execute(
                connection,
                "INSERT INTO file_chunks (file_id, seq, data) VALUES (@file_id, @seq, @data)",
                c => c.Uuid("file_id", fileId).Int("seq", seq).Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(buffer, 0, read) }),
                cancellationToken);
            size += read;
            if (read < ChunkSize)
            {
                break;
            }
        }

        await Execute(connection, "UPDATE files SET size = @size, updated = now() WHERE file_id = @file_id", c => c.Long("size", size).Uuid("file_id", fileId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The decoded path below the storage root, segments joined by '/'; empty for the root itself.</summary>
    private static string Key(string uri, bool allowRoot) => string.Join('/', StoragePaths.Segments(uri, allowRoot));
}
