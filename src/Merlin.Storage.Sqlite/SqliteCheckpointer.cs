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
    /// <summary>The writer still checkpoints by itself past this many WAL pages (~40 MB): the WAL stays bounded.</summary>
    public const int WriterBackstopPages = 10_000;

    /// <summary>How often the WAL is copied back while commits happen; an idle database is left alone.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteConnection connection;
    private readonly Func<long> commitCount;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private long checkpoints;

    /// <param name="connectionString">The database's; a connection of its own, so checkpoints run beside the writer.</param>
    /// <param name="synchronous">The writer's mode: FULL also syncs the database file after each copy.</param>
    /// <param name="commitCount">The writer's commits so far: nothing is done until it moves.</param>
    public SqliteCheckpointer(string connectionString, string synchronous, Func<long> commitCount)
    {
        this.commitCount = commitCount;
        connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = {synchronous}");
            command.ExecuteNonQuery();
        }

        loop = Task.Run(RunAsync);
    }

    /// <summary>Checkpoints run so far (tests).</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        connection.Dispose();
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        var seen = commitCount();
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                var now = commitCount();
                if (now == seen)
                {
                    continue;
                }

                seen = now;
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
