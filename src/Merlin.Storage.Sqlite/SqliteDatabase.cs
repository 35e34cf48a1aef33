using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Microsoft.Data.Sqlite;

#pragma warning disable VSTHRD002 // IDisposable.Dispose for callers without await (DI disposes asynchronously)

namespace Merlin.Storage.Sqlite;

/// <summary>
/// The embedded database <c>&lt;dataDir&gt;/merlin.db</c>: WAL journal, migrated at start-up, one writer
/// connection behind a group-commit queue, and a pool of reader connections (WAL lets them read while it writes),
/// each keeping its prepared statements.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private readonly string readConnectionString;
    private readonly SqliteConnection writeConnection;
    private readonly SqliteWriteQueue writes;
    private readonly SqliteCheckpointer checkpointer;
    private readonly ConcurrentBag<SqliteReadContext> readers = [];
    private readonly int maxIdleReaders = Math.Max(4, Environment.ProcessorCount * 2);
    private int disposed;

    public SqliteDatabase(SqliteStorageOptions options)
        : this(options, new StoreHealth(TimeProvider.System))
    {
    }

    /// <param name="options">Where the database lives and how it commits.</param>
    /// <param name="health">Told about every commit and every store fault (disk full, read-only).</param>
    public SqliteDatabase(SqliteStorageOptions options, StoreHealth health)
        : this(options, health, null)
    {
    }

    /// <summary>A database whose writer also reports commit sizes and durations to <paramref name="meters"/>.</summary>
    public SqliteDatabase(SqliteStorageOptions options, StoreHealth health, IMeterFactory? meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PageSize is < 512 or > 65536 || (options.PageSize & (options.PageSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "The SQLite page size must be a power of two from 512 to 65536.");
        }

        Directory.CreateDirectory(options.DataDirectory);
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        var timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // readers are pooled here, with their prepared statements
            DefaultTimeout = timeoutSeconds,
        }.ToString();

        writeConnection = OpenWriter(options, timeoutSeconds);
        SqliteMigrator.Apply(writeConnection);
        checkpointer = new SqliteCheckpointer(readConnectionString, SynchronousPragma(options));
        writes = new SqliteWriteQueue(writeConnection, options.MaxBatchSize, health, options.FaultInjector, meters is null ? null : new GroupCommitMetrics(meters), checkpointer.Committed);
    }

    public string DatabasePath { get; }

    /// <summary>Transactions committed by the writer so far (each may hold many writes).</summary>
    public long CommitCount => writes.CommitCount;

    /// <summary>WAL checkpoints run beside the writer so far (<see cref="SqliteCheckpointer"/>).</summary>
    public long CheckpointCount => checkpointer.Checkpoints;

    /// <summary>A new connection for reading (not pooled); dispose it when done. Prefer <see cref="Read{T}"/>.</summary>
    public SqliteConnection OpenReadConnection()
    {
        var connection = new SqliteConnection(readConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a pooled reader connection. It must finish its reads (dispose its data
    /// readers) before returning; it must not keep the context or its commands.
    /// </summary>
    public T Read<T>(Func<SqliteReadContext, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (!readers.TryTake(out var context))
        {
            context = new SqliteReadContext(OpenReadConnection());
        }

        var healthy = false;
        try
        {
            var result = read(context);
            healthy = true;
            return result;
        }
        finally
        {
            context.Release();
            if (healthy && readers.Count < maxIdleReaders && Volatile.Read(ref disposed) == 0)
            {
                readers.Add(context);
            }
            else
            {
                context.Dispose();
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/> for the single writer. It runs inside a transaction shared with other
    /// queued writes; the task completes with its result once that transaction is committed. The work runs on
    /// the writer itself: it must be short, synchronous, and never wait for another write (that would deadlock).
    /// If it throws, its batch is rolled back and every write in it is retried alone, so keep it repeatable.
    /// When the store itself fails (disk full, read-only), every write of the batch fails with a
    /// <see cref="StorageFaultException"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken) =>
        writes.EnqueueAsync(work, cancellationToken);

    /// <summary>A write that may wait briefly to share the next commit (<see cref="GroupCommitWriter{TContext}.DefaultLazyWindow"/>).</summary>
    public Task<T> WriteLazilyAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken) =>
        writes.EnqueueAsync(work, cancellationToken, lazy: true);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await writes.DisposeAsync().ConfigureAwait(false);
        await checkpointer.DisposeAsync().ConfigureAwait(false);
        writeConnection.Dispose();
        while (readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private SqliteConnection OpenWriter(SqliteStorageOptions options, int timeoutSeconds)
    {
        var connectionString = readConnectionString;
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // page_size first: it only takes effect before the first table of a new database (WAL keeps it from then on).
        command.CommandText = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA page_size = {options.PageSize}; PRAGMA busy_timeout = {timeoutSeconds * 1000}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {SynchronousPragma(options)}; PRAGMA foreign_keys = ON;");
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA page_size";
        var pageSize = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterBackstopPages(pageSize)}");
        command.ExecuteNonQuery();
        return connection;
    }

    private static string SynchronousPragma(SqliteStorageOptions options) => options.Synchronous == SqliteSynchronousMode.Normal ? "NORMAL" : "FULL";
}
