using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>
/// How rows of one kind are written: the rows a batch defers with <see cref="PostgresWriteContext.DeferRows{TRow}"/>
/// go in one statement (each column an array, unnested), a lone row in a plain single-row form when there is one.
/// PostgreSQL's cost per statement (bind, plan, executor start, one arbiter set-up per <c>ON CONFLICT</c>) and Npgsql's
/// per parameter are then paid once per batch, not once per row.
/// </summary>
/// <typeparam name="TRow">What one row is made of.</typeparam>
/// <param name="many">The statement over arrays (<c>SELECT * FROM unnest(...)</c>).</param>
/// <param name="bindMany">Binds the rows' columns as arrays, in the order given.</param>
/// <param name="one">The same statement for a single row (plain values), or null to send a lone row as a one-row array.</param>
/// <param name="bindOne">Binds one row's parameters (with <paramref name="one"/>).</param>
/// <param name="key">
/// For an upsert: the conflict key. PostgreSQL refuses a statement that updates one row twice, so of two rows with one
/// key in a batch only the later is written, as two statements in a row would have left it.
/// </param>
public sealed class PostgresRowStatement<TRow>(
    string many,
    Action<NpgsqlCommand, IReadOnlyList<TRow>> bindMany,
    string? one = null,
    Action<NpgsqlCommand, TRow>? bindOne = null,
    Func<TRow, string>? key = null)
{
    internal Func<TRow, string>? Key => key;

    /// <summary>Adds the statement for <paramref name="rows"/> (at least one) with <paramref name="add"/>.</summary>
    internal void AddTo(IReadOnlyList<TRow> rows, Action<string, Action<NpgsqlCommand>> add)
    {
        if (rows.Count == 1 && one is not null && bindOne is not null)
        {
            var row = rows[0];
            add(one, c => bindOne(c, row));
        }
        else
        {
            add(many, c => bindMany(c, rows));
        }
    }
}
