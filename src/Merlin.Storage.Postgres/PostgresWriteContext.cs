using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>
/// What a write sees inside the writer's current transaction. Commands are cheap to create; the data source's
/// automatic preparation turns every statement used repeatedly into a prepared statement on each connection.
/// Statements whose result nobody reads (an execution's save, log lines) are <see cref="Defer">deferred</see>: the
/// batch's deferred statements travel together in one round trip, instead of one round trip each. Rows of one kind
/// (<see cref="DeferRows{TRow}"/>: executions, log lines) are merged further, into one statement per kind.
/// </summary>
public sealed class PostgresWriteContext : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private NpgsqlTransaction? transaction;
    private NpgsqlBatch? deferred;
    private NpgsqlCommand? binder;
    private readonly List<IRowGroup> rowGroups = [];

    internal PostgresWriteContext(NpgsqlConnection connection)
    {
        this.connection = connection;
    }

    /// <summary>
    /// A command for <paramref name="sql"/> in the batch's transaction (begun by the first command); bind its parameters,
    /// execute it, dispose it. The statements deferred before it are sent first, so it sees their effects, as if each had
    /// run at once.
    /// </summary>
    public async ValueTask<NpgsqlCommand> CommandAsync(string sql)
    {
        transaction ??= await connection.BeginTransactionAsync();
        await FlushAsync();
        return new NpgsqlCommand(sql, connection, transaction);
    }

    /// <summary>
    /// A statement whose result is not needed: it runs with the batch's other deferred statements, before the next
    /// <see cref="CommandAsync">command</see> or the commit, in one round trip. An error in it fails the batch at that
    /// point (and the writer retries each write alone, as for any failed batch).
    /// </summary>
    public void Defer(string sql, Action<NpgsqlCommand> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        CloseRowGroups(); // the rows deferred before this statement run before it
        AddDeferred(sql, bind);
    }

    /// <summary>
    /// Rows whose result is not needed: deferred as <see cref="Defer"/>, and with the rows of the same
    /// <paramref name="statement"/> deferred since the last other statement, written by one statement. Rows of different
    /// kinds may so run in another order than they were deferred in (they are of different tables).
    /// </summary>
    public void DeferRows<TRow>(PostgresRowStatement<TRow> statement, IReadOnlyList<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(rows);
        RowGroup<TRow>? group = null;
        foreach (var open in rowGroups)
        {
            if (open is RowGroup<TRow> same && ReferenceEquals(same.Statement, statement))
            {
                group = same;
                break;
            }
        }

        if (group is null)
        {
            group = new RowGroup<TRow>(statement);
            rowGroups.Add(group);
        }

        foreach (var row in rows)
        {
            group.Add(row);
        }
    }

    private void CloseRowGroups()
    {
        foreach (var group in rowGroups)
        {
            group.Close(this);
        }

        rowGroups.Clear();
    }

    private void AddDeferred(string sql, Action<NpgsqlCommand> bind)
    {
        binder ??= new NpgsqlCommand(); // only to bind with the typed helpers; its parameters move to the batch
        bind(binder);
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var parameter in binder.Parameters.ToArray())
        {
            binder.Parameters.Remove(parameter);
            statement.Parameters.Add(parameter);
        }

        deferred ??= new NpgsqlBatch(connection);
        deferred.BatchCommands.Add(statement);
    }

    /// <summary>
    /// Commits what the batch did. A batch of deferred statements only (an execution's save with its log lines, the
    /// common case) never began a transaction: its statements go in one round trip, which PostgreSQL runs as one implicit
    /// transaction (all or nothing, committed at its end), so its commit costs no round trip of its own.
    /// </summary>
    internal async ValueTask CommitAsync()
    {
        await FlushAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        binder?.Dispose();
        if (deferred is not null)
        {
            await deferred.DisposeAsync();
        }

        if (transaction is not null)
        {
            await transaction.DisposeAsync(); // rolls back what was not committed
        }
    }

    /// <summary>Sends the deferred statements, if any: within the transaction once one is begun, else as one implicit transaction.</summary>
    private async ValueTask FlushAsync()
    {
        CloseRowGroups();
        if (deferred is not { } batch)
        {
            return;
        }

        deferred = null;
        await using (batch)
        {
            batch.Transaction = transaction;
            await batch.ExecuteNonQueryAsync();
        }
    }

    private interface IRowGroup
    {
        void Close(PostgresWriteContext context);
    }

    /// <summary>The rows of one statement deferred since the last other statement; a later row replaces one of the same key.</summary>
    private sealed class RowGroup<TRow>(PostgresRowStatement<TRow> statement) : IRowGroup
    {
        private readonly List<TRow> rows = [];
        private readonly Dictionary<string, int>? byKey = statement.Key is null ? null : new(StringComparer.Ordinal);

        public PostgresRowStatement<TRow> Statement => statement;

        public void Add(TRow row)
        {
            if (byKey is null)
            {
                rows.Add(row);
                return;
            }

            var key = statement.Key!(row);
            if (byKey.TryGetValue(key, out var at))
            {
                rows[at] = row;
            }
            else
            {
                byKey[key] = rows.Count;
                rows.Add(row);
            }
        }

        public void Close(PostgresWriteContext context)
        {
            if (rows.Count > 0)
            {
                statement.AddTo(rows, context.AddDeferred);
            }
        }
    }
}
