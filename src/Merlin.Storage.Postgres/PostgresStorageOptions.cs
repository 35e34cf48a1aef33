namespace Merlin.Storage.Postgres;

/// <summary>Settings of the PostgreSQL backend (<c>Merlin:Storage:Postgres</c>).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string (<c>Host=db;Database=merlin;Username=merlin;Password=...</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Where internal storage files live: in the database (default) or in a shared directory.</summary>
    public PostgresFileStorageMode Files { get; set; } = PostgresFileStorageMode.Database;

    /// <summary>The shared directory for <see cref="PostgresFileStorageMode.Directory"/> (every process must see the same one).</summary>
    public string? FilesDirectory { get; set; }

    /// <summary>Most writes grouped into one transaction; bounds a commit's size and latency under load.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How often a process re-reads the executions it has followers or waiters for, in case a notification of their
    /// change was lost (notifications are wake-ups only, see <c>docs/cluster.md</c>): the longest a lost one delays them.
    /// </summary>
    public TimeSpan NotificationRecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a process asks the database whether another process listens for its notifications: while none does,
    /// those meant for others only (execution changes) are not sent. A process that starts listening says so at once;
    /// this interval bounds how long notifications go on after the last other process is gone. Zero: always send.
    /// </summary>
    public TimeSpan ListenerCensusInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Fault drills and tests only: asked before each commit; an exception it returns fails that commit as the
    /// database's own error would. Null in production.
    /// </summary>
    public Func<Exception?>? FaultInjector { get; set; }
}
