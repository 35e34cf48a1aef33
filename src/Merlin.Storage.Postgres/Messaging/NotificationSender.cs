using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Sends notifications in batches, as the writer groups commits: those asked for while a batch is on its way wait for the
/// next one, which goes in one statement (one round trip, one transaction, so one turn on PostgreSQL's notification
/// queue lock however many there are). Identical notifications of a batch are sent once.
/// </summary>
internal sealed class NotificationSender(NpgsqlDataSource dataSource)
{
    private const string Sql = "SELECT pg_notify(n.channel, n.payload) FROM unnest(@channels, @payloads) AS n(channel, payload)";

    private readonly Lock gate = new();
    private HashSet<(string Channel, string Payload)> pending = [];
    private TaskCompletionSource next = NewBatch();
    private bool sending;
    private long batches;

    /// <summary>Statements sent so far (tests: notifications asked for at once share one).</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Completes once the batch holding this notification is sent; fails with that batch's error.</summary>
    public Task SendAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        Task batch;
        lock (gate)
        {
            pending.Add((channel, payload));
            batch = next.Task;
            if (!sending)
            {
                sending = true;
                _ = Task.Run(SendPendingAsync, CancellationToken.None);
            }
        }

        return batch.WaitAsync(cancellationToken);
    }

    private async Task SendPendingAsync()
    {
        while (true)
        {
            HashSet<(string Channel, string Payload)> batch;
            TaskCompletionSource done;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    sending = false;
                    return;
                }

                (batch, pending) = (pending, []);
                (done, next) = (next, NewBatch());
            }

            try
            {
                await using var command = dataSource.CreateCommand(Sql);
                command.Parameters.Add(new NpgsqlParameter<string[]>("channels", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = batch.Select(n => n.Channel).ToArray() });
                command.Parameters.Add(new NpgsqlParameter<string[]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = batch.Select(n => n.Payload).ToArray() });
                Interlocked.Increment(ref batches);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e); // each caller decides: a wake-up lost to an outage is covered by the re-checks
            }
        }
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
