using Merlin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Tests.Sqlite;

/// <summary>The writer's statements on SQLite's own API: bound by name, unbound after each run, errors as Microsoft.Data.Sqlite throws them.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id TEXT NOT NULL PRIMARY KEY, n INTEGER, flag INTEGER NOT NULL)";
        create.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();

    [Fact]
    public void Values_are_bound_by_name_and_unbound_after_each_run()
    {
        using var insert = new SqliteStatement(connection, "INSERT INTO t (id, n, flag) VALUES (@id, @n, @flag)");

        insert.Set("@id", "a").Set("@n", 42).Set("@flag", true).Execute();
        insert.Set("@id", "b").Set("@flag", false).Execute(); // @n not set again: NULL, not the previous 42

        Assert.Equal("a|42|1;b||0", Rows());
    }

    [Fact]
    public void A_failing_run_throws_what_Microsoft_Data_Sqlite_throws_and_leaves_the_statement_usable()
    {
        using var insert = new SqliteStatement(connection, "INSERT INTO t (id, n, flag) VALUES (@id, @n, @flag)");
        insert.Set("@id", "a").Set("@flag", true).Execute();

        var error = Assert.Throws<SqliteException>(() => insert.Set("@id", "a").Set("@flag", true).Execute());
        insert.Set("@id", "c").Set("@n", (long?)null).Set("@flag", true).Execute();

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT: store-fault translation reads these codes
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        Assert.Equal("a||1;c||1", Rows());
    }

    [Fact]
    public void An_unknown_parameter_is_refused_by_name()
    {
        using var insert = new SqliteStatement(connection, "INSERT INTO t (id, flag) VALUES (@id, @flag)");

        var error = Assert.Throws<ArgumentException>(() => insert.Set("@other", "x"));

        Assert.Contains("@other", error.Message, StringComparison.Ordinal);
    }

    private string Rows()
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT group_concat(id || '|' || ifnull(n, '') || '|' || flag, ';') FROM (SELECT * FROM t ORDER BY id)";
        return (string)select.ExecuteScalar()!;
    }
}
