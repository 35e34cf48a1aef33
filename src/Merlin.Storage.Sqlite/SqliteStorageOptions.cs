namespace Merlin.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite backend.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Folder holding <c>merlin.db</c> (and, for local file storage, <c>storage/</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>How long a statement waits for a lock held by another connection or process.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The page size of a database this creates (an existing database keeps its own). Every B-tree a commit touches
    /// (a table, each of its indexes) costs one page in the WAL, and the commit's fsync waits for all of them: on a
    /// disk that bounds bytes per second (most cloud volumes), a one-Log execution's commit took 330 µs with 4 KB pages
    /// (~37 KB written) and 215 µs with 1 KB pages (~13 KB). A power of two from 512 to 65,536.
    /// </summary>
    public int PageSize { get; set; } = DefaultPageSize;

    public const int DefaultPageSize = 1024;

    /// <summary>Most writes grouped into one transaction; bounds a commit's size and latency under load.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Fault drills and tests only: asked before each commit; an exception it returns fails that commit as the
    /// database's own error would (e.g. a <c>SqliteException</c> with <c>SQLITE_FULL</c>). Null in production.
    /// </summary>
    public Func<Exception?>? FaultInjector { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "merlin.db");
}
