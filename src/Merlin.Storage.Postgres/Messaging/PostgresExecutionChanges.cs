using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Messaging.InProcess;
using Microsoft.Extensions.Logging;

#pragma warning disable VSTHRD002 // IDisposable.Dispose for callers without await (DI disposes asynchronously)

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Execution changes across processes: delivered in this process exactly as <see cref="InProcessExecutionChanges"/>
/// does, and announced to the others (id, state, how far, sender) by the transaction that stores them
/// (<see cref="AnnounceWithin"/>); the others read the execution from the store and deliver it to their own followers,
/// waiters and <see cref="OnChanged"/> listeners. So <c>?wait=true</c> and follow work on a web server while the executor
/// runs elsewhere, a notice is never read ahead of its commit, and no transaction exists for notices alone: progress the
/// executor keeps write-behind reaches other processes with its checkpoint. Notifications are wake-ups only:
/// executions with followers or waiters here are re-read every <see cref="PostgresStorageOptions.NotificationRecheckInterval"/>
/// and when the listening connection comes back, so a lost notification delays them, never hangs them. A process alone
/// on its database (<see cref="PostgresNotifications.OthersListening"/> false) sends none.
/// </summary>
public sealed class PostgresExecutionChanges : IExecutionChanges, IAsyncDisposable, IDisposable
{
    private const int MaxFaultMessage = 2000;
    private const int MaxCarriedJson = 6000; // characters: escaped and in UTF-8, a notification takes 7,900 bytes at most
    private const char CarriedSeparator = '\n';
    private static readonly TimeSpan KeepEnded = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ForgetEvery = TimeSpan.FromSeconds(15); // a scan of every delivered change: not each re-check

    private readonly InProcessExecutionChanges local = new();
    private readonly Listeners<Execution> localChanges = new();
    private readonly PostgresNotifications notifications;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly ExecutionChangeReader reader;
    private readonly Lock listenGate = new();
    private Listening? ends; // from the first waiter, follower or change listener on; never given up
    private Listening? progress; // from the first follower, or change listener that wants a state in between, on
    private readonly IDisposable onReconnected;
    private readonly ITimer recheck;

    /// <summary>Executions followed or awaited here, with how many followers and waiters each.</summary>
    private readonly ConcurrentDictionary<string, int> followed = new();

    /// <summary>Of those, the executions with followers here (they want every change; waiters want ends and pauses only).</summary>
    private readonly ConcurrentDictionary<string, int> followers = new();

    /// <summary>The latest change delivered here of each execution, so a copy read late is not delivered again.</summary>
    private readonly ConcurrentDictionary<string, Delivered> delivered = new();

    private readonly Lock deliveries = new();
    private DateTimeOffset forgotten;
    private readonly Registrations<Func<ExecutionChangeSummary, bool>> wanted = new(); // what the change listeners want, by announced summary
    private int notifyFailing;
    private int disposed;

    public PostgresExecutionChanges(
        PostgresNotifications notifications, IExecutionRepository executions, PostgresStorageOptions options, TimeProvider clock, ILogger<PostgresExecutionChanges> logger)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(options);
        this.notifications = notifications;
        this.clock = clock;
        this.logger = logger;
        reader = new ExecutionChangeReader(executions, Deliver, clock, logger);
        onReconnected = notifications.OnReconnected(RecheckFollowed);
        recheck = clock.CreateTimer(_ => Recheck(), null, options.NotificationRecheckInterval, options.NotificationRecheckInterval);
    }

    /// <summary>
    /// Announces a stored change from inside the transaction that stores it, when other processes listen: delivered at
    /// commit, one per execution per batch (the last), in the batch's one notification statement, on the channel of its
    /// kind (<see cref="ExecutionChannels"/>). An end or a pause carries its <paramref name="json"/> when it fits, so the
    /// waiters elsewhere need not read it back.
    /// </summary>
    internal static void AnnounceWithin(PostgresWriteContext context, PostgresNotifications? notifications, Execution execution, string json)
    {
        if (notifications is not { OthersListening: true })
        {
            return;
        }

        var version = ExecutionVersion.Of(execution);
        var state = execution.State.Current;
        var notice = new ExecutionNotice(execution.Id, state.ToString(), version.States, version.Tasks, Trig: execution.Trigger is not null);
        var payload = JsonSerializer.Serialize(notice, ChangeNoticeJson.Default.ExecutionNotice);
        if (ExecutionChannels.IsEnd(state) && json.Length < MaxCarriedJson)
        {
            var carrying = payload + CarriedSeparator + json; // the stored JSON has no raw line feed: a string escapes it
            payload = Encoding.UTF8.GetByteCount(carrying) <= PostgresNotifications.MaxPayloadBytes ? carrying : payload;
        }

        notifications.NotifyWithin(context, ExecutionChannels.Of(state), payload, key: execution.Id);
    }

    /// <summary>Listens to every kind of change (as a follower does).</summary>
    internal Task ListenAsync() => Task.WhenAll(Listen(ref ends, ExecutionChannels.Ends), Listen(ref progress, ExecutionChannels.Progress));

    /// <summary>
    /// Listens to other processes' changes on <paramref name="channel"/> from the first follower, waiter or change
    /// listener that wants them on: a process that has none (a worker, an executor) is not woken by every execution of
    /// the cluster, and one with waiters only (or the scheduler, unless a Flow trigger evaluates a state in between) is
    /// not woken by their progress. Completes once it is LISTENed (a second at most: the re-checks cover a change
    /// missed meanwhile).
    /// </summary>
    private Task Listen(ref Listening? field, string channel)
    {
        if (Volatile.Read(ref field) is { } known)
        {
            return known.Until; // every ?wait=true asks: no lock once listening
        }

        lock (listenGate)
        {
            if (field is null)
            {
                Volatile.Write(ref field, new Listening(notifications.Listen(channel, OnNotified), UntilListeningAsync()));
            }

            return field.Until;
        }
    }

    /// <summary>
    /// Listens to what the change listeners may want: every end (a listener's answer may change from one change to the
    /// next, and an end missed while a LISTEN is on its way would be a Flow trigger that never fires), and the progress
    /// only once one of them wants a state in between (see <see cref="WantsChanged"/>).
    /// </summary>
    private void ListenToWanted()
    {
        var listeners = wanted.Current;
        if (listeners.Length > 0)
        {
            _ = Listen(ref ends, ExecutionChannels.Ends);
            if (Volatile.Read(ref progress) is null && Array.Exists(listeners, ExecutionChannels.WantsProgress))
            {
                _ = Listen(ref progress, ExecutionChannels.Progress);
            }
        }
    }

    /// <summary>A change listener may want more than before (a Flow trigger on a state in between was saved): listen to what it wants now.</summary>
    public void WantsChanged() => ListenToWanted();

    private async Task UntilListeningAsync()
    {
        try
        {
            await notifications.ListeningAsync().WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            // The database is away: the re-checks cover what is missed until the listener is back.
        }
    }

    public ChannelReader<Execution> Follow(string executionId, CancellationToken cancellationToken)
    {
        _ = ListenAsync();
        Track(followed, executionId, cancellationToken);
        Track(followers, executionId, cancellationToken);
        return local.Follow(executionId, cancellationToken);
    }

    public async Task<Execution> WaitAsync(string executionId, Func<CancellationToken, Task<Execution?>> current, CancellationToken cancellationToken, bool untilPaused = false)
    {
        // Subscribed at once, as the contract says; the first look waits for the LISTEN of this process's first waiter.
        var listening = Listen(ref ends, ExecutionChannels.Ends);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Track(followed, executionId, waiting.Token);
        try
        {
            return await local.WaitAsync(executionId, listening.IsCompleted ? current : AfterListening, cancellationToken, untilPaused);
        }
        finally
        {
            await waiting.CancelAsync();
        }

        async Task<Execution?> AfterListening(CancellationToken c)
        {
            await listening;
            return await current(c);
        }
    }

    public IDisposable OnChanged(Action<Execution> listener) => OnChanged(listener, _ => true);

    /// <summary>A notice of a change no listener wants is not read from the store (unless followed here).</summary>
    public IDisposable OnChanged(Action<Execution> listener, Func<ExecutionChangeSummary, bool> wants)
    {
        var interest = wanted.Add(wants);
        ListenToWanted();
        return new Both(((IExecutionChanges)local).OnChanged(listener, wants), interest.Dispose);
    }

    /// <summary>This process's changes only: no store read for what other processes change.</summary>
    public IDisposable OnLocalChanged(Action<Execution> listener) => localChanges.Add(listener);

    public IDisposable OnCreated(Action<Execution> listener) => local.OnCreated(listener);

    /// <summary>Tells this process's <see cref="OnCreated"/> listeners (other processes hear of it when it is stored).</summary>
    public void PublishCreated(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        local.PublishCreated(execution);
    }

    public void Publish(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        lock (deliveries)
        {
            Remember(execution);
            local.Publish(execution);
        }

        localChanges.Publish(execution); // other processes hear of it from the save that stores it
    }

    public void PublishFault(string executionId, StorageFaultException fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        local.PublishFault(executionId, fault);
        if (notifications.OthersListening)
        {
            // Nothing is stored: the one notice sent on its own.
            var message = fault.Message.Length > MaxFaultMessage ? fault.Message[..MaxFaultMessage] : fault.Message;
            Notify(new ExecutionNotice(executionId, "", 0, 0, message, fault.DiskFull));
        }
    }

    /// <summary>Delivers a stored copy here unless a change as recent was already delivered; true when delivered.</summary>
    private bool Deliver(Execution execution)
    {
        lock (deliveries)
        {
            if (delivered.TryGetValue(execution.Id, out var known) && ExecutionVersion.Of(execution) <= known.Version)
            {
                return false;
            }

            Remember(execution);
            local.Publish(execution);
            return true;
        }
    }

    private bool TryDeliverCarried(string json)
    {
        try
        {
            Deliver(Executions.PostgresExecutionRepository.FromJson(json));
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return false; // read from the store instead
        }
    }

    private void Remember(Execution execution)
    {
        var ended = execution.State.IsTerminated;
        delivered[execution.Id] = new Delivered(ExecutionVersion.Of(execution), clock.GetUtcNow(), ended);
        if (ended)
        {
            followed.TryRemove(execution.Id, out _); // its followers and waiters are done
            followers.TryRemove(execution.Id, out _);
        }
    }

    /// <summary>
    /// On the listening loop: hands the read to the reader, or delivers at once an execution the notice carries (what
    /// a waiter waits for: no hop to the reader's loop between the commit and the answer).
    /// </summary>
    private void OnNotified(string payload)
    {
        var split = payload.IndexOf(CarriedSeparator, StringComparison.Ordinal);
        var header = split < 0 ? payload : payload[..split];
        if (ChangeNoticeJson.Read(header, ChangeNoticeJson.Default.ExecutionNotice) is not { Id: { } id } notice)
        {
            return;
        }

        if (notice.Fault is { } message)
        {
            // Only where someone waits: the end, once stored, is then read and delivered, which clears the fault.
            if (followed.ContainsKey(id))
            {
                local.PublishFault(id, new StorageFaultException(message, notice.DiskFull));
            }
        }
        else if (Wanted(id, Enum.TryParse<StateType>(notice.State, out var state) ? state : null, notice.Trig ?? true))
        {
            if (split < 0 || !TryDeliverCarried(payload[(split + 1)..])) // the carried execution is taken only when wanted
            {
                reader.Enqueue(id, notice.Version);
            }
        }
    }

    /// <summary>
    /// Whether a notice of <paramref name="id"/> in <paramref name="state"/> (null: unknown) is worth a read here: followers
    /// want every change, waiters an end or a pause (so a <c>?wait=true</c> on a web server does not read the progress,
    /// which they do not wait for), listeners what they said.
    /// </summary>
    private bool Wanted(string id, StateType? state, bool triggered) =>
        followers.ContainsKey(id)
        || (followed.ContainsKey(id) && (state is not { } known || ExecutionChannels.IsEnd(known)))
        || Array.Exists(wanted.Current, wants => state is not { } known || wants(new ExecutionChangeSummary(known, triggered)));

    private static void Track(ConcurrentDictionary<string, int> tracked, string executionId, CancellationToken until)
    {
        tracked.AddOrUpdate(executionId, 1, (_, count) => count + 1);
        until.Register(() =>
        {
            while (tracked.TryGetValue(executionId, out var count)
                && !(count <= 1 ? tracked.TryRemove(new KeyValuePair<string, int>(executionId, count)) : tracked.TryUpdate(executionId, count - 1, count)))
            {
                // Another follower came or went meanwhile: try again with the new count.
            }
        });
    }

    private void RecheckFollowed()
    {
        foreach (var id in followed.Keys)
        {
            reader.Recheck(id);
        }
    }

    private void Recheck()
    {
        RecheckFollowed();
        var now = clock.GetUtcNow();
        if (now - forgotten < ForgetEvery)
        {
            return;
        }

        forgotten = now;
        foreach (var (id, known) in delivered)
        {
            // Ended ones are kept a while so a late notice does not deliver an end twice; idle ones go when unfollowed.
            if (now - known.At > (known.Ended ? KeepEnded : KeepEnded * 10) && !followed.ContainsKey(id))
            {
                delivered.TryRemove(new KeyValuePair<string, Delivered>(id, known));
            }
        }
    }

    private void Notify(ExecutionNotice notice)
    {
        var payload = JsonSerializer.Serialize(notice, ChangeNoticeJson.Default.ExecutionNotice);
        _ = NotifyAsync();

        async Task NotifyAsync()
        {
            try
            {
                await notifications.NotifyAsync(ExecutionChannels.Ends, payload, CancellationToken.None); // where every waiter listens
                Interlocked.Exchange(ref notifyFailing, 0);
            }
            catch (Exception e)
            {
                // Other processes see the change at their next re-check; say so once per outage, not per change.
                if (Interlocked.Exchange(ref notifyFailing, 1) == 0)
                {
                    logger.LogWarning("Could not notify other processes of a refused end ({Error}); their waiters see it at their next re-check", e.Message);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return; // registered as itself and as its contract: the container disposes it twice
        }

        lock (listenGate)
        {
            ends?.Subscription.Dispose();
            progress?.Subscription.Dispose();
        }
        onReconnected.Dispose();
        await recheck.DisposeAsync();
        await reader.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Listening(IDisposable Subscription, Task Until);

    private readonly record struct Delivered(ExecutionVersion Version, DateTimeOffset At, bool Ended);

    private sealed class Both(IDisposable first, Action then) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                first.Dispose();
                then();
            }
        }
    }
}
