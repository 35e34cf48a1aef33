using Merlin.Storage.Sqlite;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public async Task Opening_creates_a_wal_database_with_every_migration_recorded()
    {
        await using var backend = new SqliteTestDatabase();

        Assert.Equal(Path.Combine(backend.DataDirectory, "merlin.db"), backend.Database.DatabasePath);
        Assert.Equal("wal", Scalar(backend.Database, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(backend.Database, "PRAGMA foreign_keys"));
        Assert.Equal(
            (long)SqliteMigrator.Scripts.Count,
            Scalar(backend.Database, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Reopening_applies_no_migration_twice()
    {
        using var directory = new TempDirectory();
        var options = new SqliteStorageOptions { DataDirectory = directory.Path, Synchronous = SqliteSynchronousMode.Normal };
        await new SqliteDatabase(options).DisposeAsync();

        await using var reopened = new SqliteDatabase(options);

        Assert.Equal(1L, Scalar(reopened, "SELECT COUNT(*) FROM schema_migrations WHERE version = 1"));
    }

    [Fact]
    public async Task A_new_database_takes_sqlites_default_page_size_unless_told_otherwise()
    {
        await using var backend = new SqliteTestDatabase();
        using var directory = new TempDirectory();
        await using var small = new SqliteDatabase(new SqliteStorageOptions { DataDirectory = directory.Path, PageSize = 1024 });

        Assert.Equal(4096L, Scalar(backend.Database, "PRAGMA page_size"));
        Assert.Equal(1024L, Scalar(small, "PRAGMA page_size"));
    }

    [Fact]
    public async Task An_existing_database_keeps_its_page_size_and_its_wal_backstop_follows_it()
    {
        using var directory = new TempDirectory();
        await new SqliteDatabase(new SqliteStorageOptions { DataDirectory = directory.Path, PageSize = 1024 }).DisposeAsync();

        await using var reopened = new SqliteDatabase(new SqliteStorageOptions { DataDirectory = directory.Path });

        Assert.Equal(1024L, Scalar(reopened, "PRAGMA page_size"));
        var backstop = await reopened.WriteAsync(c => c.Command("PRAGMA wal_autocheckpoint").ExecuteScalar(), CancellationToken.None);
        Assert.Equal((long)SqliteCheckpointer.WriterBackstopBytes / 1024, backstop);
        Assert.Equal(1L, Scalar(reopened, "SELECT COUNT(*) FROM schema_migrations WHERE version = 1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(131072)]
    public void A_page_size_sqlite_would_ignore_is_refused(int pageSize)
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteDatabase(new SqliteStorageOptions { DataDirectory = directory.Path, PageSize = pageSize }));
        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SqliteSynchronousMode.Full, 2L)]
    [InlineData(SqliteSynchronousMode.Normal, 1L)]
    public async Task Writer_uses_the_configured_synchronous_mode(SqliteSynchronousMode mode, long expected)
    {
        await using var backend = new SqliteTestDatabase(o => o.Synchronous = mode);

        var actual = await backend.Database.WriteAsync(
            context => context.Command("PRAGMA synchronous").ExecuteScalar(),
            CancellationToken.None);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_its_batch_neighbours_commit()
    {
        await using var backend = new SqliteTestDatabase();
        var db = backend.Database;
        await db.WriteAsync(c => c.Command("CREATE TABLE t (v INTEGER NOT NULL)").ExecuteNonQuery(), CancellationToken.None);

        var writes = Enumerable.Range(0, 10)
            .Select(i => db.WriteAsync(c => c.Command("INSERT INTO t (v) VALUES (@v)").Set("@v", i == 5 ? null : i).ExecuteNonQuery(), CancellationToken.None))
            .ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => writes[5]);
        await Task.WhenAll(writes.Where((_, i) => i != 5));
        Assert.Equal(9L, Scalar(db, "SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public async Task A_batch_refused_before_its_commit_leaves_nothing_behind_and_the_next_write_commits()
    {
        Exception? fault = null;
        await using var backend = new SqliteTestDatabase(o => o.FaultInjector = () => fault);
        var db = backend.Database;
        await db.WriteAsync(c => c.Command("CREATE TABLE t (v INTEGER NOT NULL)").ExecuteNonQuery(), CancellationToken.None);

        fault = new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13);
        await Assert.ThrowsAnyAsync<Exception>(() => db.WriteAsync(c => c.Command("INSERT INTO t (v) VALUES (1)").ExecuteNonQuery(), CancellationToken.None));
        Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM t"));

        fault = null;
        await db.WriteAsync(c => c.Command("INSERT INTO t (v) VALUES (2)").ExecuteNonQuery(), CancellationToken.None);
        Assert.Equal(2L, Scalar(db, "SELECT SUM(v) FROM t"));
    }

    [Fact]
    public async Task Writes_run_on_the_writers_own_thread_whether_queued_alone_lazily_or_in_a_batch()
    {
        await using var backend = new SqliteTestDatabase();
        var db = backend.Database;

        var alone = await db.WriteAsync(_ => Thread.CurrentThread.Name, CancellationToken.None);
        var lazy = await db.WriteLazilyAsync(_ => Thread.CurrentThread.Name, CancellationToken.None);
        var batch = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => db.WriteAsync(_ => Thread.CurrentThread.Name, CancellationToken.None)));

        Assert.Equal("merlin-sqlite-writer", alone);
        Assert.Equal("merlin-sqlite-writer", lazy);
        Assert.All(batch, name => Assert.Equal("merlin-sqlite-writer", name));
    }

    [Fact]
    public async Task The_wal_is_copied_back_beside_the_writer_and_no_commit_waits_for_it()
    {
        await using var backend = new SqliteTestDatabase();
        var db = backend.Database;

        // The writer checkpoints by itself only past the backstop, far beyond SQLite's default 1,000 pages.
        var backstop = await db.WriteAsync(c => c.Command("PRAGMA wal_autocheckpoint").ExecuteScalar(), CancellationToken.None);
        Assert.Equal((long)SqliteCheckpointer.WriterBackstopPages(SqliteStorageOptions.DefaultPageSize), backstop);

        await db.WriteAsync(c => c.Command("CREATE TABLE t (v BLOB NOT NULL)").ExecuteNonQuery(), CancellationToken.None);
        for (var i = 0; i < 300; i++)
        {
            await db.WriteAsync(c => c.Command("INSERT INTO t (v) VALUES (zeroblob(8000))").ExecuteNonQuery(), CancellationToken.None);
        }

        // Below the writer's backstop, only the checkpointer copies pages into merlin.db: the file grows by what was written.
        var written = 300L * 8000;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(db.DatabasePath).Length < written && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(new FileInfo(db.DatabasePath).Length >= written, $"merlin.db holds {new FileInfo(db.DatabasePath).Length} bytes: the WAL was not copied back");
        Assert.True(db.CheckpointCount > 0);
    }

    private static object? Scalar(SqliteDatabase database, string sql)
    {
        using var connection = database.OpenReadConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
