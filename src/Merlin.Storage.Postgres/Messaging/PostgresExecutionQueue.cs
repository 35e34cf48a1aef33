using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// The executor's queue in <c>execution_queue</c>: any process sends (one insert, through the group-commit writer, which
/// wakes the executors once per committed batch); the executor that leases a partition (<see cref="PostgresPartitionLeases"/>)
/// reads its messages in order and hands them to that partition's loop. A message stays in the table until the save
/// of its effect deletes it (<see cref="PostgresConsumedMessages"/>), so an executor that dies leaves every unapplied
/// event to the next owner.
/// <para>
/// Events that would only repeat work if lost — a new execution, already stored, and the result of a job this process ran
/// (<see cref="PostgresWorkerJobQueue"/>) — skip the table when this process's executor owns their partition: they go
/// straight to the partition's loop. If the process dies, the next owner replays the execution (the job runs again, at
/// least once); if it hands the partition over, the ones not applied yet are written to the table first.
/// </para>
/// </summary>
public sealed class PostgresExecutionQueue : IExecutionQueue, IAsyncDisposable
{
    private const int BatchSize = 500;

    private readonly PostgresDatabase _database;
    private readonly PostgresNotifications _notifications;
    private readonly PostgresPartitionLeases _leases;
    private readonly PostgresConsumedMessages _consumed;
    private readonly PostgresExecutionReplies _replies;
    private readonly IExecutionChanges _changes;
    private readonly IExecutionRepository _executions;
    private readonly FlowService _flows;
    private readonly PostgresMessagingOptions _options;
    private readonly ILogger<PostgresExecutionQueue> _logger;
    private readonly Channel<ExecutionMessage>[] _partitions;
    private readonly ConcurrentDictionary<long, int> _inFlight = new();

    /// <summary>Events handed to a partition's loop without the table, until applied (written to the table if handed over first).</summary>
    private readonly ConcurrentDictionary<LocalEvent, int> _local = new();
    private readonly ILiveExecutions _live;
    private readonly ConsumerLoop _reader;
    private readonly Lock _listenGate = new();
    private IDisposable? _listening; // from the first read on: only an executor wants every queued message's wake-up
    private readonly PostgresRowStatement<ExecutionQueueRows.Message> _insert;

    /// <summary>
    /// Guards the hand-over of table messages, read or carried by a notification: <see cref="_seen"/> holds each
    /// partition's highest id handed over, and <see cref="_carriedDuringRead"/> the ids carried while a read was under
    /// way (its answer may hold them, maybe applied and deleted since: they are not handed over twice).
    /// </summary>
    private readonly Lock _handOver = new();
    private readonly long[] _seen = new long[PostgresPartitions.Count];
    private readonly HashSet<long> _carriedDuringRead = [];
    private int _queued;

    public PostgresExecutionQueue(PostgresDatabase database, PostgresPartitionLeases leases, PostgresConsumedMessages consumed,
        PostgresExecutionReplies replies, PostgresNotifications notifications, IExecutionChanges changes, IExecutionRepository executions,
        FlowService flows, ILiveExecutions live, PostgresMessagingOptions options, ILogger<PostgresExecutionQueue> logger)
    {
        _live = live;
        ArgumentNullException.ThrowIfNull(notifications);
        _database = database;
        _notifications = notifications;
        _leases = leases;
        _consumed = consumed;
        _replies = replies;
        _changes = changes;
        _executions = executions;
        _flows = flows;
        _options = options;
        _logger = logger;
        _partitions = Enumerable.Range(0, PostgresPartitions.Count)
            .Select(_ => Channel.CreateUnbounded<ExecutionMessage>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        _reader = new ConsumerLoop("read the executor queue", options.PollInterval, logger);
        _insert = ExecutionQueueRows.Insert(notifications.Channel(PostgresChannels.ExecutionQueue), notifications.Header);
        leases.Acquired += Wake;
        leases.Releasing += SpillAsync;
        consumed.Deleted += ids =>
        {
            foreach (var id in ids)
            {
                _inFlight.TryRemove(id, out _);
            }
        };
    }

    public int Partitions => PostgresPartitions.Count;

    public int Depth => Volatile.Read(ref _queued);

    public int PartitionOf(string executionId) => PostgresPartitions.Of(executionId);

    public Task SubmitAsync(Execution execution, CancellationToken cancellationToken) => SubmitAsync(execution, stored: true, cancellationToken);

    public Task SubmitNewAsync(Execution execution, CancellationToken cancellationToken) => SubmitAsync(execution, stored: false, cancellationToken);

    /// <summary>
    /// Starts a new execution: this process's executor takes it at once when it owns the partition (one not
    /// <paramref name="stored"/> is then stored by its first save, or with its start if handed over before it);
    /// otherwise its start is queued, with the execution's row when it is not stored yet.
    /// </summary>
    private async Task SubmitAsync(Execution execution, bool stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        _changes.PublishCreated(execution);
        if (OwnsLocally(execution.Id))
        {
            _live.Set(execution); // readers and the executor see it before its row is in the store
            DeliverLocally(execution.Id, new ExecutionEvent.Tick(), stored ? null : execution);
            return;
        }

        await InsertAsync(execution.Id, new ExecutionEvent.Tick(), null, cancellationToken,
            stored ? null : Executions.ExecutionRow.From(execution));
    }

    /// <summary>Whether this process's executor owns the execution's partition now.</summary>
    internal bool OwnsLocally(string executionId) => _leases.Owned.Contains(PartitionOf(executionId));

    /// <summary>
    /// Hands an event to its partition's loop without the table (its loss only repeats work); true unless this process's
    /// executor does not own the partition, in which case the caller writes it to the table.
    /// </summary>
    internal bool TryDeliverLocally(string executionId, ExecutionEvent @event)
    {
        if (!OwnsLocally(executionId))
        {
            return false;
        }

        DeliverLocally(executionId, @event);
        return true;
    }

    /// <param name="unsaved">A new execution not stored yet, which the table gets with the event if the partition is handed over first.</param>
    private void DeliverLocally(string executionId, ExecutionEvent @event, Execution? unsaved = null)
    {
        var local = new LocalEvent(executionId, @event, unsaved);
        var partition = PartitionOf(executionId);
        _local[local] = partition;
        Interlocked.Increment(ref _queued);
        _partitions[partition].Writer.TryWrite(new ExecutionMessage(executionId, @event, null, Stopwatch.GetTimestamp(), new LocalAck(_local, local)));
    }

    /// <summary>Partitions handed over: their local events not applied yet go to the table, for the next owner.</summary>
    private async Task SpillAsync(IReadOnlyList<int> partitions)
    {
        var spilled = _local.Where(l => partitions.Contains(l.Value)).Select(l => l.Key).ToList();
        foreach (var local in spilled)
        {
            if (_local.TryRemove(local, out _))
            {
                await InsertAsync(local.ExecutionId, local.Event, null, CancellationToken.None,
                    local.Unsaved is { } unsaved ? Executions.ExecutionRow.From(unsaved) : null);
            }
        }
    }

    public Task SendAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken) =>
        InsertAsync(executionId, @event, null, cancellationToken);

    public async Task<Execution?> ApplyAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken)
    {
        var replyId = Guid.NewGuid().ToString("N");
        using var waiting = _replies.Expect(replyId);
        await InsertAsync(executionId, @event, replyId, cancellationToken);
        return await waiting.ResultAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ExecutionMessage> ReadAsync(int partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StartReading();
        await foreach (var message in _partitions[partition].Reader.ReadAllAsync(cancellationToken))
        {
            Interlocked.Decrement(ref _queued);
            yield return message;
        }
    }

    /// <summary>
    /// Queues the event; <paramref name="withRow"/> writes the execution itself in the same transaction (a new one not
    /// stored yet, whose creator waits for its end). That commit need not wait for the WAL flush: nobody was answered
    /// yet, and the durable commit of its end flushes it before anyone is.
    /// </summary>
    private async Task InsertAsync(string executionId, ExecutionEvent @event, string? replyId, CancellationToken cancellationToken,
        Executions.ExecutionRow? withRow = null)
    {
        var json = ExecutionEventJson.Serialize(@event);
        var partition = PartitionOf(executionId);
        await _database.WriteAsync(
            context =>
            {
                withRow?.Save(context, _notifications);
                context.DeferRows(_insert, [new ExecutionQueueRows.Message(partition, executionId, json, replyId)]);
                return Task.FromResult(true);
            },
            cancellationToken,
            relaxed: withRow is not null);
        Queued(executionId);
    }

    /// <summary>Queues a worker's result as an executor event inside an open transaction (deferred with the batch's statements).</summary>
    internal void QueueResult(PostgresWriteContext context, WorkerResult result)
    {
        var @event = new ExecutionEvent.TaskRunReported(result.TaskRunId, result.State, result.Outputs, result.LogFile, result.DirectoryOutputFiles);
        context.DeferRows(_insert, [new ExecutionQueueRows.Message(PostgresPartitions.Of(result.ExecutionId), result.ExecutionId, ExecutionEventJson.Serialize(@event), null)]);
    }

    /// <summary>
    /// On the listening loop: messages another process queued. Those of owned partitions that the notification carries
    /// are handed over at once, without reading the table; the read catches up whatever it could not take (too large to
    /// carry, a late commit below what was handed over, an event that needs the store).
    /// </summary>
    private void OnQueued(string payload)
    {
        if (payload.Length == 0 || !TryHandOverCarried(payload))
        {
            Wake();
        }
    }

    /// <summary>True when every carried message of an owned partition was handed over.</summary>
    private bool TryHandOverCarried(string payload)
    {
        System.Text.Json.Nodes.JsonArray rows;
        try
        {
            rows = System.Text.Json.Nodes.JsonNode.Parse(payload) as System.Text.Json.Nodes.JsonArray ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        var owned = _leases.Owned;
        var complete = true;
        foreach (var row in rows)
        {
            if (row is not System.Text.Json.Nodes.JsonArray { Count: 6 } fields || fields[1]?.GetValue<int>() is not { } partition || !owned.Contains(partition))
            {
                continue; // another executor's
            }

            var id = fields[0]!.GetValue<long>();
            var executionId = fields[2]!.GetValue<string>();
            ExecutionEvent @event;
            try
            {
                @event = ExecutionEventJson.Deserialize(fields[3]!.GetValue<string>());
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                complete = false; // the read drops it, and says so
                continue;
            }

            if (@event is ExecutionEvent.SubflowReported { Child: null } reported && reported.ChildState.IsTerminated())
            {
                complete = false; // it needs its child from the store: the read completes it
                continue;
            }

            lock (_handOver)
            {
                if (id <= _seen[partition] || !_inFlight.TryAdd(id, partition))
                {
                    complete = false; // a late commit, or a notification late for a message read already: the read decides
                    continue;
                }

                _seen[partition] = id;
                _carriedDuringRead.Add(id);
            }

            HandOver(id, partition, executionId, @event, fields[4]?.GetValue<string>(), fields[5]?.GetValue<string>());
        }

        return complete;
    }

    private void HandOver(long id, int partition, string executionId, ExecutionEvent @event, string? replyId, string? stored)
    {
        Prime(executionId, stored);
        var reply = replyId is null ? null : _replies.To(replyId);
        Interlocked.Increment(ref _queued);
        _partitions[partition].Writer.TryWrite(
            new ExecutionMessage(executionId, @event, reply, Stopwatch.GetTimestamp(), new Ack(_consumed, executionId, id)));
    }

    /// <summary>A message for this execution was committed: when this process reads its partition, it need not wait for the notification.</summary>
    internal void Queued(string executionId)
    {
        if (_leases.Owned.Contains(PartitionOf(executionId)))
        {
            Wake();
        }
    }

    private void Wake() => _reader.Wake();

    private void StartReading()
    {
        lock (_listenGate)
        {
            if (_listening is null)
            {
                // Once the LISTEN holds, one more read: a message committed before it was heard is read then, not at the next poll.
                _listening = _notifications.Listen(PostgresChannels.ExecutionQueue, OnQueued);
                _ = _notifications.ListeningAsync().ContinueWith(_ => Wake(), TaskScheduler.Default);
            }
        }

        var lastSweep = Stopwatch.GetTimestamp();
        _reader.Start(async cancellationToken =>
        {
            if (Stopwatch.GetElapsedTime(lastSweep) > TimeSpan.FromSeconds(1))
            {
                lastSweep = Stopwatch.GetTimestamp();
                await _consumed.SweepAsync(_database, cancellationToken);
            }

            var owned = _leases.Owned.ToArray();
            return owned.Length > 0 && await FetchAsync(owned, cancellationToken) == BatchSize;
        });
    }

    /// <summary>Reads the owned partitions' messages not yet handed over, in order; the count read.</summary>
    private async Task<int> FetchAsync(int[] owned, CancellationToken cancellationToken)
    {
        foreach (var (id, partition) in _inFlight)
        {
            if (!owned.Contains(partition))
            {
                _inFlight.TryRemove(id, out _); // a partition lost: its next owner reads it again
            }
        }

        // NOT IN a subquery is a hashed lookup per row; <> ALL(array) compared each row with every message in flight.
        long[] handed;
        lock (_handOver)
        {
            _carriedDuringRead.Clear(); // carried before this point: in flight, so excluded below
            handed = [.. _inFlight.Keys];
        }

        var rows = await _database.QueryAsync(
            """
            SELECT q.id, q.partition, q.execution_id, q.event, q.reply_id,
                   CASE WHEN q.event LIKE '{"type":"Tick"%' THEN (SELECT e.json FROM executions e WHERE e.id = q.execution_id) END
            FROM execution_queue q
            WHERE q.partition = ANY(@owned) AND q.id NOT IN (SELECT unnest(@handed))
            ORDER BY q.id LIMIT @limit
            """,
            c =>
            {
                c.Parameters.AddWithValue("owned", owned);
                c.Parameters.AddWithValue("handed", handed);
                c.Parameters.AddWithValue("limit", BatchSize);
            },
            r => (Id: r.GetInt64(0), Partition: r.GetInt32(1), ExecutionId: r.GetString(2), Event: r.GetString(3), ReplyId: r.GetNullableString(4),
                Stored: r.GetNullableString(5)),
            cancellationToken);
        if (rows.Count > 0)
        {
            _logger.LogDebug("Read {Count} queued events from the table", rows.Count); // the rest came with their notifications
        }

        foreach (var row in rows)
        {
            lock (_handOver)
            {
                if (_carriedDuringRead.Contains(row.Id) || !_inFlight.TryAdd(row.Id, row.Partition))
                {
                    continue; // a notification carried it meanwhile
                }

                _seen[row.Partition] = Math.Max(_seen[row.Partition], row.Id);
            }

            ExecutionEvent @event;
            try
            {
                @event = await CompleteAsync(ExecutionEventJson.Deserialize(row.Event), cancellationToken);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                _logger.LogError("Dropped an unreadable event for execution {ExecutionId}: {Error}", row.ExecutionId, e.Message);
                _consumed.Consumed(row.ExecutionId, row.Id);
                continue;
            }

            HandOver(row.Id, row.Partition, row.ExecutionId, @event, row.ReplyId, row.Stored);
        }

        return rows.Count;
    }

    /// <summary>
    /// A Tick comes with the stored execution: a new one (CREATED, another process's creation) that this executor does
    /// not hold yet is handed to it with the event, so it is not read again on a round trip of its own.
    /// </summary>
    private void Prime(string executionId, string? stored)
    {
        if (stored is null || _live.TryGet(executionId, out _))
        {
            return;
        }

        try
        {
            var execution = Executions.PostgresExecutionRepository.FromJson(stored);
            if (execution.State.Current == StateType.CREATED)
            {
                _live.Set(execution); // what the executor would read: it holds it from its first step on anyway
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            _logger.LogDebug("Execution {ExecutionId} read with its Tick is unreadable; the executor reads it again: {Error}", executionId, e.Message);
        }
    }

    /// <summary>A terminal subflow report carries its child and flow again (the Subflow's <c>outputs:</c> render against them).</summary>
    private async Task<ExecutionEvent> CompleteAsync(ExecutionEvent @event, CancellationToken cancellationToken)
    {
        if (@event is not ExecutionEvent.SubflowReported { Child: null } reported || !reported.ChildState.IsTerminated())
        {
            return @event;
        }

        var child = await _executions.GetAsync(reported.ChildExecutionId, cancellationToken);
        var flow = child is null ? null : await _flows.GetAsync(child.Namespace, child.FlowId, child.FlowRevision, cancellationToken);
        return reported with { Child = child, ChildFlow = flow };
    }

    public async ValueTask DisposeAsync()
    {
        lock (_listenGate)
        {
            _listening?.Dispose();
        }

        await _reader.DisposeAsync();
    }

    private sealed class Ack(PostgresConsumedMessages consumed, string executionId, long id) : IExecutionAck
    {
        private int _told;

        public void Consumed()
        {
            if (Interlocked.Exchange(ref _told, 1) == 0)
            {
                consumed.Consumed(executionId, id);
            }
        }
    }

    /// <summary>An event delivered without the table; a reference, so two equal events stay two.</summary>
    private sealed class LocalEvent(string executionId, ExecutionEvent @event, Execution? unsaved)
    {
        public string ExecutionId { get; } = executionId;

        /// <summary>A new execution whose start this is, not stored yet: spilled with it.</summary>
        public Execution? Unsaved { get; } = unsaved;

        public ExecutionEvent Event { get; } = @event;
    }

    private sealed class LocalAck(ConcurrentDictionary<LocalEvent, int> local, LocalEvent @event) : IExecutionAck
    {
        public void Consumed() => local.TryRemove(@event, out _);
    }
}
