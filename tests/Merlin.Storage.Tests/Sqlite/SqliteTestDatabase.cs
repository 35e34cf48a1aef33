using Merlin.Storage.Sqlite;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Sqlite;

/// <summary>A migrated SQLite database in its own temp folder.</summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly TempDirectory directory = new();

    public SqliteTestDatabase(Action<SqliteStorageOptions>? configure = null)
    {
        var options = new SqliteStorageOptions { DataDirectory = directory.Path };
        configure?.Invoke(options);
        Database = new SqliteDatabase(options);
    }

    public SqliteDatabase Database { get; }

    public string DataDirectory => directory.Path;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        directory.Dispose();
    }
}
