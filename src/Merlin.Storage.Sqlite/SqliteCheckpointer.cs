using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file from its own connection and thread, so no commit waits for it.
/// SQLite's default runs that copy (about 1,000 pages and an fsync of the database file) inside whichever commit
/// crosses 1,000 WAL pages: every hundred-odd executions, one caller waited milliseconds. Here the writer's own
/// automatic checkpoint is only a backstop (<see cref="WriterBackstopPages"/>) for when this loop falls behind.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>The writer still checkpoints by itself past this many bytes of WAL: the WAL stays bounded.</summary>
    public const int WriterBackstopBytes = 40 * 1024 * 1024;

    /// <summary><see cref="WriterBackstopBytes"/> in pages of <paramref name="pageSize"/> (SQLite counts the WAL in pages).</summary>
    public static int WriterBackstopPages(int pageSize) => WriterBackstopBytes / pageSize;

    /// <summary>How long after a commit the WAL is copied back: at most one checkpoint per interval, none while idle.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim committed = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private long checkpoints;
    private int signalled;

    /// <param name="connectionString">The database's; a connection of its own, so checkpoints run beside the writer.</param>
    /// <param name="synchronous">The writer's mode: FULL also syncs the database file after each copy.</param>
    public SqliteCheckpointer(string connectionString, string synchronous)
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = {synchronous}");
            command.ExecuteNonQuery();
        }

        loop = Task.Run(RunAsync);
    }

    /// <summary>Told by the writer after each commit (cheap: it only wakes the loop when it sleeps).</summary>
    public void Committed()
    {
        if (Interlocked.Exchange(ref signalled, 1) == 0)
        {
            committed.Release();
        }
    }

    /// <summary>Checkpoints run so far (tests).</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        connection.Dispose();
        stopping.Dispose();
        committed.Dispose();
    }

    /// <summary>Sleeps until a commit, waits the interval for more, then copies what they all wrote.</summary>
    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await committed.WaitAsync(stopping.Token).ConfigureAwait(false);
                await Task.Delay(Interval, stopping.Token).ConfigureAwait(false);
                Volatile.Write(ref signalled, 0); // commits from here on wake the next round; earlier ones are in the WAL now
                Checkpoint();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>PASSIVE: copies what no reader still needs, never blocks the writer or readers; a failure waits for the next tick.</summary>
    private void Checkpoint()
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
            Interlocked.Increment(ref checkpoints);
        }
        catch (SqliteException)
        {
            // busy or out of space: the writer's backstop bounds the WAL meanwhile, and the next tick tries again
        }
    }
}
