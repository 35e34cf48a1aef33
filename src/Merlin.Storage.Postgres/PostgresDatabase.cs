using System.Diagnostics.Metrics;
using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Npgsql;

#pragma warning disable VSTHRD002 // IDisposable.Dispose for callers without await (DI disposes asynchronously)

namespace Merlin.Storage.Postgres;

/// <summary>
/// One PostgreSQL database: a pooled <see cref="NpgsqlDataSource"/> (statements used repeatedly are prepared on each
/// connection automatically), the schema migrated at start-up, the process's writes grouped into few transactions
/// by one writer, and reads on pooled connections.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource relaxed;
    private readonly PostgresWriteQueue writes;
    private readonly StoreHealth health;
    private int disposed;

    public PostgresDatabase(PostgresStorageOptions options)
        : this(options, new StoreHealth(TimeProvider.System))
    {
    }

    /// <param name="options">Where the database is and how writes are grouped.</param>
    /// <param name="health">Told about every commit and every store fault (disk full, unreachable).</param>
    public PostgresDatabase(PostgresStorageOptions options, StoreHealth health)
        : this(options, health, null)
    {
    }

    /// <summary>A database whose writer also reports commit sizes and durations to <paramref name="meters"/>.</summary>
    public PostgresDatabase(PostgresStorageOptions options, StoreHealth health, IMeterFactory? meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(health);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Merlin:Storage:Postgres:ConnectionString is required when Merlin:Storage:Type is postgres "
                + "(e.g. Merlin__Storage__Postgres__ConnectionString=\"Host=db;Database=merlin;Username=merlin;Password=...\")");
        }

        this.health = health;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64; // prepare the statements this backend repeats (a fixed, small set)
            builder.AutoPrepareMinUsages = 2;
        }

        // Merlin keeps no session state on pooled connections (advisory locks are per transaction or released, temporary
        // tables and SET are not used), so the reset Npgsql runs at each return to the pool is pure cost: it was most of
        // the statements per execution of the PostgreSQL bench.
        builder.NoResetOnClose = true;

        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        try
        {
            PostgresMigrator.Apply(DataSource);
        }
        catch
        {
            DataSource.Dispose();
            throw;
        }

        // Relaxed batches (see PostgresWriteQueue) take their connection from a pool whose sessions do not wait for the
        // flush, rather than paying a SET round trip per batch.
        builder.Options = string.IsNullOrEmpty(builder.Options) ? "-c synchronous_commit=off" : builder.Options + " -c synchronous_commit=off";
        relaxed = NpgsqlDataSource.Create(builder.ConnectionString);
        writes = new PostgresWriteQueue(DataSource, relaxed, options.MaxBatchSize, health, options.FaultInjector, meters is null ? null : new GroupCommitMetrics(meters));
    }

    /// <summary>The pooled connections to the database, for reads and for writes that must not share a batch (files).</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The same database with sessions that do not wait for the flush (<c>synchronous_commit = off</c>).</summary>
    internal NpgsqlDataSource RelaxedDataSource => relaxed;

    /// <summary>Transactions committed by the writer so far (each may hold many writes).</summary>
    public long CommitCount => writes.CommitCount;

    /// <summary>
    /// Queues <paramref name="work"/> for the process's single writer. It runs inside a transaction shared with other
    /// queued writes; the task completes with its result once that transaction is committed. It must be short and
    /// never wait for another write (that would deadlock). If it throws, its batch is rolled back and every write in
    /// it is retried alone, so keep it repeatable. When the store itself fails (full, unreachable), every write of
    /// the batch fails with a <see cref="StorageFaultException"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<PostgresWriteContext, Task<T>> work, CancellationToken cancellationToken, bool relaxed = false) =>
        writes.QueueAsync(async context => await work(context), cancellationToken, relaxed: relaxed);

    /// <summary>
    /// Runs <paramref name="read"/> on a pooled connection; an unreachable or failing database surfaces as a
    /// <see cref="StorageFaultException"/> (the API answers 503), like a failed write.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            return await read(connection);
        }
        catch (Exception e) when (e is not OperationCanceledException && PostgresFaults.From(e) is { } fault)
        {
            health.ReportFault(PostgresStoreProbe.Part, fault);
            throw fault;
        }
    }

    /// <summary>Runs a query on a pooled connection and maps every row.</summary>
    public Task<List<T>> QueryAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(map(reader));
                }

                return rows;
            },
            cancellationToken);

    /// <summary>
    /// Queues rows whose result is not needed (<see cref="PostgresWriteContext.DeferRows{TRow}"/>: the batch's rows of one
    /// statement are written by one statement); completes once committed.
    /// </summary>
    public Task DeferRowsAsync<TRow>(PostgresRowStatement<TRow> statement, IReadOnlyList<TRow> rows, CancellationToken cancellationToken, bool lazy = false) =>
        writes.QueueAsync(
            context =>
            {
                context.DeferRows(statement, rows);
                return ValueTask.FromResult(true);
            },
            cancellationToken,
            lazy);

    /// <summary>Queues one statement for the writer; completes with the rows it affected once committed.</summary>
    public Task<int> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken, bool lazy = false) =>
        writes.QueueAsync(
            async context =>
            {
                await using var command = await context.CommandAsync(sql);
                bind(command);
                return await command.ExecuteNonQueryAsync();
            },
            cancellationToken,
            lazy);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await writes.DisposeAsync();
        await relaxed.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
