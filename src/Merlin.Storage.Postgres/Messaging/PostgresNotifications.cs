using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Merlin.Runtime.Messaging.InProcess;
using Microsoft.Extensions.Logging;
using Npgsql;

#pragma warning disable VSTHRD002 // IDisposable.Dispose for callers without await (DI disposes asynchronously)

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// PostgreSQL LISTEN/NOTIFY for one process: one dedicated listening connection (outside the pool, so a busy pool never
/// delays a wake-up), started on the first <see cref="Listen(string, Action{string})"/>, reconnected with backoff when
/// the database goes away. Notifications are wake-ups only: one sent while a listener is disconnected is lost, so
/// consumers re-check their state on <see cref="OnReconnected"/> and on a slow timer of their own.
/// </summary>
/// <remarks>
/// Channel names given here are short (<c>executions</c>, <c>execution_queue</c>); on the wire they carry
/// <see cref="ChannelPrefix"/> and, when the connection string sets a <c>Search Path</c>, 8 hex digits of it
/// (<c>merlin_1a2b3c4d_executions</c>), so two Merlin installations in two schemas of one database never wake each
/// other. A payload sent here starts with the sending process's <see cref="SenderId"/> and <c>:</c>, so a process
/// recognises its own notifications; one without it (an operator's <c>NOTIFY</c>) is handed on whole.
/// <para>
/// <see cref="OthersListening"/> tells whether another process of this installation listens, so a process alone on its
/// database (standalone on PostgreSQL) need not send the notifications only others would read. It is learnt from
/// <c>pg_stat_activity</c> (listening connections carry <see cref="ListenerApplicationName"/> and the schema's digits)
/// each time this process's listening connection is up and every <see cref="PostgresStorageOptions.ListenerCensusInterval"/>
/// after, and at once from the <c>listeners</c> notification a process sends each time its listening connection is up:
/// a newcomer is heard within a round trip, not a census. While this process's own listening connection is down, it
/// cannot hear newcomers, so it sends.
/// </para>
/// </remarks>
public sealed class PostgresNotifications : IAsyncDisposable, IDisposable
{
    /// <summary>What every channel of Merlin starts with (<c>pg_listening_channels()</c> shows them).</summary>
    public const string ChannelPrefix = "merlin_";

    /// <summary>The largest payload accepted, in UTF-8 bytes (PostgreSQL refuses 8,000 and more; the sender id takes 13).</summary>
    public const int MaxPayloadBytes = 7900;

    /// <summary>What the listening connection's <c>application_name</c> starts with (then the schema's digits, if any).</summary>
    public const string ListenerApplicationName = "merlin-notifications";

    private const int MaxChannelLength = 63; // NAMEDATALEN - 1
    private const string ListenersChannel = "listeners";

    // Other listening connections of this installation (an application name starting as this one's), this one excepted.
    private const string Census = """
        SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND pid <> @listener AND left(application_name, length(@name)) = @name)
        """;
    private const char SenderSeparator = ':';
    private const int SenderIdLength = 12;
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly string listenConnectionString;
    private readonly string scope;
    private readonly ILogger logger;
    private readonly NotificationSender sender;
    private readonly ConcurrentDictionary<string, Listeners<string>> channels = new();
    private readonly Listeners<string> reconnected = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock startGate = new();
    private readonly string wakeChannel;
    private readonly string listenersChannel;
    private readonly string header;
    private readonly string listenerName;
    private readonly NpgsqlDataSource censusSource;
    private readonly TimeSpan censusInterval;
    private Task? loop;
    private readonly Lock censusGate = new();
    private Task? census;
    private int othersListening = 1; // unknown until the first census: send
    private int newcomers; // listeners notifications heard so far: a census begun before one may not say "alone"
    private NpgsqlConnection? connection;
    private int listened; // channels LISTENed on the current connection; a Listen beyond it wakes the loop
    private TaskCompletionSource listenedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously); // completed at each LISTEN of every channel
    private int disposed;

    public PostgresNotifications(PostgresDatabase database, PostgresStorageOptions options, ILogger<PostgresNotifications> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        scope = string.IsNullOrEmpty(builder.SearchPath)
            ? ""
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.SearchPath)))[..8] + "_";
        builder.Pooling = false; // its own connection: never handed back to the pool with LISTENs on it
        listenerName = ListenerApplicationName + (scope.Length == 0 ? "" : "-" + scope.TrimEnd('_'));
        builder.ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? listenerName : $"{listenerName} ({builder.ApplicationName})";
        listenConnectionString = builder.ConnectionString;
        censusSource = database.DataSource;
        censusInterval = options.ListenerCensusInterval;
        this.logger = logger;
        SenderId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SenderIdLength / 2));
        header = SenderId + SenderSeparator;
        wakeChannel = Channel("wake_" + SenderId);
        listenersChannel = Channel(ListenersChannel);
        // A notification is a wake-up about something already committed: its own transaction (NOTIFY takes a
        // transaction id, so it has a commit record) need not wait for the flush, nor delay the writer's behind it.
        sender = new NotificationSender(database.RelaxedDataSource);
    }

    /// <summary>
    /// Whether another process of this installation may be listening (true until a census says otherwise): when false,
    /// notifications meant for other processes only need not be sent.
    /// </summary>
    public bool OthersListening => Volatile.Read(ref othersListening) != 0;

    /// <summary>This process's id in every payload it sends.</summary>
    public string SenderId { get; }

    /// <summary>Statements that carried notifications so far (each may carry many).</summary>
    internal long SentBatches => sender.Batches;

    /// <summary>Connected, and every channel subscribed so far is LISTENed: a notification sent from now on is received.</summary>
    internal bool IsListening => Volatile.Read(ref connection) is not null && Volatile.Read(ref listened) >= channels.Count;

    /// <summary>Completes once <see cref="IsListening"/> holds (at once if it does).</summary>
    internal Task ListeningAsync()
    {
        var signal = Volatile.Read(ref listenedSignal); // read before the check: a LISTEN in between completes this one
        return IsListening ? Task.CompletedTask : signal.Task;
    }

    /// <summary>What every payload this process sends starts with (its id and the separator).</summary>
    internal string Header => header;

    /// <summary>Whether this process subscribed to <paramref name="channel"/> (tests).</summary>
    internal bool Subscribed(string channel) => channels.ContainsKey(Channel(channel));

    /// <summary>The PostgreSQL backend of the listening connection while it is connected (operators and tests).</summary>
    internal int? ListenerProcessId => Volatile.Read(ref connection) is { } c ? c.ProcessID : null;

    /// <summary>
    /// Calls <paramref name="onPayload"/> with the payload of each notification on <paramref name="channel"/>, except
    /// those this process sent (it knows of those already: wake its own consumers directly).
    /// It runs on the listening loop: it must not block (hand the work to a channel or a task). The channel is LISTENed
    /// on first subscription and again after each reconnection.
    /// </summary>
    public IDisposable Listen(string channel, Action<string> onPayload) => Listen(channel, onPayload, includeOwn: false);

    /// <summary>As <see cref="Listen(string, Action{string})"/>, with this process's own notifications too when <paramref name="includeOwn"/>.</summary>
    public IDisposable Listen(string channel, Action<string> onPayload, bool includeOwn)
    {
        ArgumentNullException.ThrowIfNull(onPayload);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var name = Channel(channel);
        var subscribers = channels.GetOrAdd(name, _ => new Listeners<string>());
        var subscription = subscribers.Add(payload =>
        {
            if (!HasSender(payload))
            {
                Guard(() => onPayload(payload), name); // not sent by Merlin: nothing to recognise
            }
            else if (includeOwn || !payload.StartsWith(header, StringComparison.Ordinal))
            {
                Guard(() => onPayload(payload[header.Length..]), name);
            }
        });
        EnsureStarted();
        if (channels.Count > Volatile.Read(ref listened))
        {
            _ = WakeAsync(); // the loop waits on the connection: a notification of its own makes it LISTEN the new channel
        }

        return subscription;
    }

    /// <summary>
    /// Calls <paramref name="callback"/> each time the listening connection is back after it dropped: notifications sent
    /// in between are lost, so consumers re-check their state. It runs on the listening loop: it must not block.
    /// </summary>
    public IDisposable OnReconnected(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return reconnected.Add(_ => Guard(callback, "reconnection"));
    }

    /// <summary>
    /// Sends <paramref name="payload"/> on <paramref name="channel"/> to every listening process. Notifications asked
    /// for at once share one round trip and one transaction; identical ones in it are sent once. Completes once sent.
    /// </summary>
    /// <exception cref="ArgumentException">The payload is larger than <see cref="MaxPayloadBytes"/>, or the channel name is not a plain short identifier.</exception>
    public Task NotifyAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        return sender.SendAsync(Channel(channel), Wire(payload), cancellationToken);
    }

    /// <summary>
    /// Sends a notification from inside an open transaction of the writer: PostgreSQL delivers it at commit (never for
    /// a rolled-back write). It is deferred with the batch's other statements, and the batch's notifications go in one
    /// statement; of those with one <paramref name="key"/> (by default, identical ones) only the last is sent, so a batch
    /// of queued writes wakes its consumers once.
    /// </summary>
    public void NotifyWithin(PostgresWriteContext context, string channel, string payload = "", string? key = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wireChannel = Channel(channel);
        var wire = Wire(payload);
        context.DeferRows(Deferred, [new DeferredNotification(wireChannel, wire, key is null ? wire : "\n" + key)]);
    }

    private readonly record struct DeferredNotification(string Channel, string Payload, string Key);

    private static readonly PostgresRowStatement<DeferredNotification> Deferred = new(
        "SELECT pg_notify(n.channel, n.payload) FROM unnest(@channels, @payloads) AS n(channel, payload)",
        (command, rows) => command
            .Array("channels", NpgsqlTypes.NpgsqlDbType.Text, rows.Select(r => r.Channel))
            .Array("payloads", NpgsqlTypes.NpgsqlDbType.Text, rows.Select(r => r.Payload)),
        "SELECT pg_notify(@channel, @payload)",
        (command, row) => command.Text("channel", row.Channel).Text("payload", row.Payload),
        row => row.Channel + row.Key);

    /// <summary>What is sent for <paramref name="payload"/>: the sender id first; refused beyond <see cref="MaxPayloadBytes"/>.</summary>
    private string Wire(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var size = Encoding.UTF8.GetByteCount(payload);
        if (size > MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"A notification payload is limited to {MaxPayloadBytes} bytes (PostgreSQL refuses 8000); this one has {size}: send an id and read the rest from the database.",
                nameof(payload));
        }

        return header + payload;
    }

    /// <summary>The name <paramref name="name"/> has on the wire (prefix and schema included), checked to be a plain identifier.</summary>
    internal string Channel(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var full = ChannelPrefix + scope + name;
        if (full.Length > MaxChannelLength || !full.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"A channel name is lower-case letters, digits and '_', at most {MaxChannelLength} characters with its prefix: '{full}'", nameof(name));
        }

        return full;
    }

    /// <summary>A failing callback is logged and skipped: it must not break the listening loop nor starve the others.</summary>
    private void Guard(Action callback, string what)
    {
        try
        {
            callback();
        }
        catch (Exception e)
        {
            logger.LogError(e, "A handler of PostgreSQL notifications ({Channel}) failed", what);
        }
    }

    /// <summary>Whether <paramref name="payload"/> starts with a sender id (12 lower-case hex digits and <c>:</c>).</summary>
    private static bool HasSender(string payload) =>
        payload.Length > SenderIdLength && payload[SenderIdLength] == SenderSeparator && payload[..SenderIdLength].All(char.IsAsciiHexDigitLower);

    private async Task WakeAsync()
    {
        try
        {
            await sender.SendAsync(wakeChannel, "", stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            // The loop LISTENs every channel when it (re)connects; a failed wake-up only matters while it is connected,
            // and then its idle check runs the LISTENs within IdleCheck.
        }
    }

    private void EnsureStarted()
    {
        lock (startGate)
        {
            loop ??= Task.Run(() => RunAsync(stopping.Token));
        }
    }

    /// <summary>Connects, LISTENs, waits; on any failure, backs off and connects again, until the process stops.</summary>
    private async Task RunAsync(CancellationToken stop)
    {
        var connectedBefore = false;
        var outage = false;
        var delay = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var current = new NpgsqlConnection(listenConnectionString);
                current.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                await current.OpenAsync(stop);
                await ListenAllAsync(current, stop);
                Volatile.Write(ref connection, current);
                if (outage)
                {
                    logger.LogInformation("PostgreSQL notifications are back: listening again on {Count} channels", channels.Count);
                    outage = false;
                }

                delay = FirstRetry;
                if (connectedBefore)
                {
                    reconnected.Publish("");
                }

                connectedBefore = true;
                _ = AnnounceAsync(); // others that thought themselves alone send from now on
                await CountListenersAsync(stop); // after the LISTENs: a newcomer is either counted now or heard later
                StartCensus();
                await WaitAsync(current, stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return; // stopping: whatever the connection said about it is no outage
            }
            catch (Exception e)
            {
                Volatile.Write(ref connection, null);
                Volatile.Write(ref othersListening, 1); // deaf to newcomers until connected again: send
                if (!outage)
                {
                    outage = true;
                    logger.LogWarning(
                        "PostgreSQL notifications are interrupted ({Error}); reconnecting. Changes of other processes are seen by the re-checks until then",
                        e.Message);
                }

                try
                {
                    await Task.Delay(delay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = delay * 2 < LastRetry ? delay * 2 : LastRetry;
            }
        }
    }

    private async Task WaitAsync(NpgsqlConnection current, CancellationToken stop)
    {
        while (true)
        {
            if (!await current.WaitAsync(IdleCheck, stop))
            {
                // Idle: a round trip proves the connection alive (a silent network loss would never end a wait).
                await using var ping = new NpgsqlCommand("SELECT 1", current);
                await ping.ExecuteScalarAsync(stop);
            }

            if (channels.Count > Volatile.Read(ref listened))
            {
                await ListenAllAsync(current, stop);
            }
        }
    }

    private async Task ListenAllAsync(NpgsqlConnection current, CancellationToken stop)
    {
        var names = channels.Keys.Append(wakeChannel).Append(listenersChannel).ToList();
        var sql = string.Join("; ", names.Select(n => $"LISTEN {n}")); // names are checked to be plain identifiers
        await using var command = new NpgsqlCommand(sql, current);
        await command.ExecuteNonQueryAsync(stop);
        Volatile.Write(ref listened, names.Count - 2);
        Interlocked.Exchange(ref listenedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Tells the other processes that this one listens (sent each time the listening connection is up).</summary>
    private async Task AnnounceAsync()
    {
        try
        {
            await sender.SendAsync(listenersChannel, header, stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            // The others' census finds this process within its interval.
        }
    }

    /// <summary>The periodic census, from the first connection on (none when the interval is zero: always send).</summary>
    private void StartCensus()
    {
        lock (startGate)
        {
            census ??= censusInterval > TimeSpan.Zero ? Task.Run(CensusLoopAsync) : Task.CompletedTask;
        }

        async Task CensusLoopAsync()
        {
            using var timer = new PeriodicTimer(censusInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(stopping.Token))
                {
                    if (Volatile.Read(ref connection) is not null)
                    {
                        await CountListenersAsync(stopping.Token);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }
    }

    /// <summary>Asks the database whether another listening connection of this installation exists.</summary>
    private async Task CountListenersAsync(CancellationToken stop)
    {
        if (censusInterval <= TimeSpan.Zero)
        {
            return;
        }

        var heard = Volatile.Read(ref newcomers);
        bool others;
        try
        {
            await using var command = censusSource.CreateCommand(Census);
            command.Parameters.AddWithValue("listener", ListenerProcessId ?? 0);
            command.Parameters.AddWithValue("name", listenerName);
            others = (bool)(await command.ExecuteScalarAsync(stop))!;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException && !stop.IsCancellationRequested)
        {
            others = true; // unknown: send, as before any census
        }

        lock (censusGate)
        {
            if (others || newcomers == heard)
            {
                Volatile.Write(ref othersListening, others ? 1 : 0);
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        if (channel == listenersChannel)
        {
            if (!payload.StartsWith(header, StringComparison.Ordinal))
            {
                lock (censusGate)
                {
                    newcomers++;
                    Volatile.Write(ref othersListening, 1); // a newcomer: heard before the next census
                }
            }

            return;
        }

        if (channels.TryGetValue(channel, out var subscribers))
        {
            subscribers.Publish(payload);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync();
        Task? running;
        Task? counting;
        lock (startGate)
        {
            running = loop;
            counting = census;
        }

        if (running is not null)
        {
            await running;
        }

        if (counting is not null)
        {
            await counting;
        }

        stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
