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
    /// The page size of a database this creates (an existing database keeps its own); a power of two from 512 to 65,536.
    /// Smaller pages mean fewer bytes per commit (a one-Log execution touches ~13 B-tree pages: 13 KB of WAL with 1 KB
    /// pages, 37 KB with 4 KB) and a shorter fsync for a lone commit (one-client <c>?wait=true</c> p50 −8 to −10 %), but
    /// under load a batch shares pages that small pages split, overflow and rewrite: 1 KB pages cost 13 % of the
    /// executions/s under 32 clients, 2 KB 2 %. SQLite's own default, 4 KB, stays.
    /// </summary>
    public int PageSize { get; set; } = DefaultPageSize;

    public const int DefaultPageSize = 4096;

    /// <summary>Most writes grouped into one transaction; bounds a commit's size and latency under load.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Fault drills and tests only: asked before each commit; an exception it returns fails that commit as the
    /// database's own error would (e.g. a <c>SqliteException</c> with <c>SQLITE_FULL</c>). Null in production.
    /// </summary>
    public Func<Exception?>? FaultInjector { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "merlin.db");
}
