using System.Collections.Concurrent;
using Merlin.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Executor messages applied but not yet deleted. The next save of their execution deletes them in its own
/// transaction (<see cref="Executions.PostgresExecutionRepository"/>), so an event's effect and its removal from the
/// queue commit together: an executor that dies in between leaves the event to its successor. Messages whose
/// execution is not saved again (no change, or it had ended) are deleted by <see cref="SweepAsync"/> once older than the
/// executor's checkpoint delay by far.
/// </summary>
public sealed class PostgresConsumedMessages(TimeProvider clock, ILogger<PostgresConsumedMessages> logger)
{
    private static readonly TimeSpan SweepAge = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, List<(long Id, DateTimeOffset At)>> _pending = new();

    /// <summary>Ids deleted from the table (the queue's reader stops excluding them).</summary>
    public event Action<IReadOnlyCollection<long>>? Deleted;

    public void Consumed(string executionId, long messageId)
    {
        var list = _pending.GetOrAdd(executionId, _ => []);
        lock (list)
        {
            list.Add((messageId, clock.GetUtcNow()));
        }
    }

    /// <summary>The consumed messages of an execution about to be saved (they are deleted with it).</summary>
    public long[] Take(string executionId)
    {
        if (!_pending.TryRemove(executionId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return list.Select(m => m.Id).ToArray();
        }
    }

    /// <summary>The save that was to delete them failed: they wait for the next one.</summary>
    public void Return(string executionId, long[] ids)
    {
        var now = clock.GetUtcNow();
        foreach (var id in ids)
        {
            var list = _pending.GetOrAdd(executionId, _ => []);
            lock (list)
            {
                list.Add((id, now));
            }
        }
    }

    public void OnDeleted(IReadOnlyCollection<long> ids)
    {
        if (ids.Count > 0)
        {
            Deleted?.Invoke(ids);
        }
    }

    /// <summary>Deletes the messages consumed long enough ago that no checkpoint of their effect is pending.</summary>
    public async Task SweepAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - SweepAge;
        var old = new List<long>();
        foreach (var (executionId, list) in _pending)
        {
            lock (list)
            {
                old.AddRange(list.Where(m => m.At < cutoff).Select(m => m.Id));
                list.RemoveAll(m => m.At < cutoff);
            }

            if (list.Count == 0)
            {
                _pending.TryRemove(new KeyValuePair<string, List<(long, DateTimeOffset)>>(executionId, list));
            }
        }

        if (old.Count == 0)
        {
            return;
        }

        try
        {
            await database.ExecuteAsync("DELETE FROM execution_queue WHERE id = ANY(@ids)", c => c.Parameters.AddWithValue("ids", old.ToArray()), cancellationToken);
            OnDeleted(old);
        }
        catch (StorageFaultException e)
        {
            logger.LogWarning("Could not delete {Count} consumed executor messages, retried: {Fault}", old.Count, e.Message);
            foreach (var id in old)
            {
                Consumed("", id);
            }
        }
    }
}
