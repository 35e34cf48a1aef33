using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>
/// How rows of one kind are written: the rows a batch defers with <see cref="PostgresWriteContext.DeferRows{TRow}"/>
/// go in one statement (each column an array, unnested), a lone row in a plain single-row form. PostgreSQL's cost per
/// statement (bind, plan, executor start, one arbiter set-up per <c>ON CONFLICT</c>) and Npgsql's per parameter are then
/// paid once per batch, not once per row.
/// </summary>
/// <typeparam name="TRow">What one row is made of.</typeparam>
/// <param name="one">The statement for a single row.</param>
/// <param name="bindOne">Binds one row's parameters.</param>
/// <param name="many">The same statement over arrays (<c>SELECT * FROM unnest(...)</c>).</param>
/// <param name="bindMany">Binds the rows' columns as arrays, in the order given.</param>
/// <param name="key">
/// For an upsert: the conflict key. PostgreSQL refuses a statement that updates one row twice, so of two rows with one
/// key in a batch only the later is written, as two statements in a row would have left it.
/// </param>
public sealed class PostgresRowStatement<TRow>(
    string one,
    Action<NpgsqlCommand, TRow> bindOne,
    string many,
    Action<NpgsqlCommand, IReadOnlyList<TRow>> bindMany,
    Func<TRow, string>? key = null)
{
    internal string One => one;

    internal string Many => many;

    internal Func<TRow, string>? Key => key;

    internal void BindOne(NpgsqlCommand command, TRow row) => bindOne(command, row);

    internal void BindMany(NpgsqlCommand command, IReadOnlyList<TRow> rows) => bindMany(command, rows);
}
