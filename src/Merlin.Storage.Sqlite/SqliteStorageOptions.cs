namespace Merlin.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite backend.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Folder holding <c>merlin.db</c> (and, for local file storage, <c>storage/</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>How long a statement waits for a lock held by another connection or process.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most writes grouped into one transaction; bounds a commit's size and latency under load.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Fault drills and tests only: asked before each commit; an exception it returns fails that commit as the
    /// database's own error would (e.g. a <c>SqliteException</c> with <c>SQLITE_FULL</c>). Null in production.
    /// </summary>
    public Func<Exception?>? FaultInjector { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "merlin.db");
}
