using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Messaging;
using Merlin.Storage.Tests.Support;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Storage.Tests.Postgres.Messaging;

public sealed class PostgresExecutionChangesTests : TwoProcesses
{
    private static readonly string[] EveryKind = [ExecutionChannels.Progress, ExecutionChannels.Ends];

    [Fact]
    public async Task A_follower_in_another_process_gets_each_published_change_and_ends_with_the_terminal_one()
    {
        await StartAsync();
        var created = await SavedAsync(Samples.Execution());
        using var stop = new CancellationTokenSource(Deadline);
        var follow = Web.Changes.Follow(created.Id, stop.Token);

        var running = await PublishedAsync(created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));
        var next = await follow.ReadAsync(stop.Token);
        if (next.State.Current == StateType.CREATED)
        {
            next = await follow.ReadAsync(stop.Token); // the stored creation's own notice may come first
        }

        Assert.Equal(StateType.RUNNING, next.State.Current);
        await PublishedAsync(running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(2)));

        Assert.Equal(StateType.SUCCESS, (await follow.ReadAsync(stop.Token)).State.Current);
        await follow.Completion.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Change_listeners_of_another_process_hear_every_change()
    {
        await StartAsync();
        var heard = Channel.CreateUnbounded<Execution>();
        using var listening = Web.Changes.OnChanged(e => heard.Writer.TryWrite(e));
        var created = await SavedAsync(Samples.Execution());

        await PublishedAsync(created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));

        var change = await heard.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
        if (change.State.Current == StateType.CREATED)
        {
            change = await heard.Reader.ReadAsync().AsTask().WaitAsync(Deadline); // the stored creation's notice, read before the next save
        }

        Assert.Equal((created.Id, StateType.RUNNING), (change.Id, change.State.Current));
    }

    [Fact]
    public async Task A_terminal_state_wakes_a_waiter_in_another_process()
    {
        await StartAsync();
        var running = await SavedAsync(Samples.Execution(state: StateType.RUNNING));
        var waiting = Web.Changes.WaitAsync(running.Id, c => Web.Executions.GetAsync(running.Id, c), None);
        await ReadByWebAsync(running.Id); // the waiter has read the stored state: only a change can end it now

        await PublishedAsync(running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(5)));

        Assert.Equal(StateType.SUCCESS, (await waiting.WaitAsync(Deadline)).State.Current);
    }

    [Fact]
    public async Task Progress_reaches_other_processes_with_the_save_that_stores_it_never_before()
    {
        await StartAsync();
        var created = await SavedAsync(Samples.Execution());
        using var stop = new CancellationTokenSource(Deadline);
        var follow = Web.Changes.Follow(created.Id, stop.Token);
        var running = created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1));

        // As the executor does: progress is published first, checkpointed write-behind.
        Executor.Changes.Publish(running);
        await Task.Delay(300);
        while (follow.TryRead(out var early))
        {
            Assert.Equal(StateType.CREATED, early.State.Current); // at most the stored creation, read on its own notice
        }

        await Executor.Executions.SaveAsync(running, None);

        Assert.Equal(StateType.RUNNING, (await follow.ReadAsync(stop.Token)).State.Current);
    }

    [Fact]
    public async Task A_waiter_completes_by_the_recheck_when_its_change_is_never_notified()
    {
        await StartAsync(webRecheck: TimeSpan.FromMilliseconds(100));
        var running = await SavedAsync(Samples.Execution(state: StateType.RUNNING));
        var waiting = Web.Changes.WaitAsync(running.Id, c => Web.Executions.GetAsync(running.Id, c), None);
        await ReadByWebAsync(running.Id);

        await SavedUnannouncedAsync(running.WithState(StateType.FAILED, Samples.Epoch.AddSeconds(5)));

        Assert.Equal(StateType.FAILED, (await waiting.WaitAsync(Deadline)).State.Current);
    }

    [Fact]
    public async Task A_waiter_completes_when_its_listening_connection_is_killed_and_comes_back()
    {
        await StartAsync(); // re-checks every 10 minutes: only the reconnection can end this wait in time
        var running = await SavedAsync(Samples.Execution(state: StateType.RUNNING));
        var waiting = Web.Changes.WaitAsync(running.Id, c => Web.Executions.GetAsync(running.Id, c), None);
        await ReadByWebAsync(running.Id);
        await SavedUnannouncedAsync(running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(5))); // as if its notification were lost
        var listener = Web.Notifications.ListenerProcessId ?? throw new InvalidOperationException("The web server is not listening.");

        await TerminateAsync(listener);

        Assert.Equal(StateType.SUCCESS, (await waiting.WaitAsync(Deadline)).State.Current);
        Assert.NotEqual(listener, Web.Notifications.ListenerProcessId);
        var category = typeof(PostgresNotifications).FullName!;
        await UntilAsync(() => Web.Logs.At(LogLevel.Information, category).Count == 1, "the recovery is logged");
        Assert.Single(Web.Logs.At(LogLevel.Warning, category));
    }

    [Fact]
    public async Task A_refused_end_fails_a_waiter_in_another_process()
    {
        await StartAsync();
        var running = await SavedAsync(Samples.Execution(state: StateType.RUNNING));
        var waiting = Web.Changes.WaitAsync(running.Id, c => Web.Executions.GetAsync(running.Id, c), None);
        await ReadByWebAsync(running.Id);

        Executor.Changes.PublishFault(running.Id, new StorageFaultException("The database is full", diskFull: true));

        var fault = await Assert.ThrowsAsync<StorageFaultException>(() => waiting.WaitAsync(Deadline));
        Assert.True(fault.DiskFull);
    }

    [Fact]
    public async Task A_process_hears_its_own_change_once()
    {
        await StartAsync();
        var heardHere = 0;
        using var here = Executor.Changes.OnChanged(_ => Interlocked.Increment(ref heardHere));
        var backHere = new TaskCompletionSource();
        using var own = Executor.Notifications.Listen(ExecutionChannels.Progress, _ => backHere.TrySetResult(), includeOwn: true);
        await Executor.ListeningAsync();
        var heardThere = Channel.CreateUnbounded<Execution>();
        using var there = Web.Changes.OnChanged(e => heardThere.Writer.TryWrite(e));
        var created = await SavedAsync(Samples.Execution());

        await PublishedAsync(created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));

        await backHere.Task.WaitAsync(Deadline); // its own notification came back (and was dropped before this listener ran)
        Assert.Equal(created.Id, (await heardThere.Reader.ReadAsync().AsTask().WaitAsync(Deadline)).Id);
        Assert.Equal(1, Volatile.Read(ref heardHere));
    }

    [Fact]
    public async Task Local_listeners_hear_only_the_changes_of_their_own_process()
    {
        await StartAsync();
        var local = Channel.CreateUnbounded<Execution>();
        var remoteHeard = 0;
        using var onExecutor = Executor.Changes.OnLocalChanged(e => local.Writer.TryWrite(e));
        using var onWeb = Web.Changes.OnLocalChanged(_ => Interlocked.Increment(ref remoteHeard));
        var everything = Channel.CreateUnbounded<Execution>();
        using var onWebAll = Web.Changes.OnChanged(e => everything.Writer.TryWrite(e));
        var created = await SavedAsync(Samples.Execution());

        await PublishedAsync(created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));

        Assert.Equal(created.Id, (await local.Reader.ReadAsync().AsTask().WaitAsync(Deadline)).Id);
        Assert.Equal(created.Id, (await everything.Reader.ReadAsync().AsTask().WaitAsync(Deadline)).Id); // delivered in the web process...
        Assert.Equal(0, Volatile.Read(ref remoteHeard)); // ...but not to its local listeners
    }

    [Fact]
    public async Task A_listener_that_wants_ends_only_makes_its_process_read_the_end_and_not_the_progress()
    {
        await StartAsync();
        var heard = Channel.CreateUnbounded<Execution>();
        using var listening = Web.Changes.OnChanged(e => heard.Writer.TryWrite(e), c => c.State.IsTerminated());
        var created = await SavedAsync(Samples.Execution(labels: Bulky)); // too large for its end to ride on the notice

        await PublishedAsync(created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));
        await Task.Delay(200); // the RUNNING notice goes alone (not replaced by the end) and reaches the web process
        await PublishedAsync(created.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(2)));

        Assert.Equal(StateType.SUCCESS, (await heard.Reader.ReadAsync().AsTask().WaitAsync(Deadline)).State.Current);
        await Task.Delay(200);
        var reads = 0;
        while (Web.Reads.Done.TryRead(out var id))
        {
            reads += id == created.Id ? 1 : 0;
        }

        Assert.Equal(1, reads); // the end; the RUNNING notice was not read
        Assert.False(heard.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_listener_that_wants_triggered_ends_only_makes_its_process_read_no_other_end()
    {
        await StartAsync();
        var heard = Channel.CreateUnbounded<Execution>();
        using var listening = Web.Changes.OnChanged(e => heard.Writer.TryWrite(e), c => c.Triggered && c.State.IsTerminated()); // as the scheduler
        var manual = Samples.Execution(labels: Bulky); // too large for their ends to ride on the notices: read from the store
        var scheduled = Samples.Execution(labels: Bulky) with { Trigger = new ExecutionTrigger("daily", "io.kestra.plugin.core.trigger.Schedule", new Dictionary<string, object?>()) };

        await PublishedAsync(manual.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(1)));
        await PublishedAsync(scheduled.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(1)));

        Assert.Equal(scheduled.Id, (await heard.Reader.ReadAsync().AsTask().WaitAsync(Deadline)).Id);
        await Task.Delay(200);
        var reads = new List<string>();
        while (Web.Reads.Done.TryRead(out var id))
        {
            reads.Add(id);
        }

        Assert.Equal([scheduled.Id], reads); // the manual execution's end was announced first, and never read
        Assert.False(heard.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_waiter_in_another_process_reads_the_end_and_not_the_progress()
    {
        await StartAsync();
        var created = await SavedAsync(Samples.Execution(labels: Bulky)); // too large for its end to ride on the notice
        var waiting = Web.Changes.WaitAsync(created.Id, c => Web.Executions.GetAsync(created.Id, c), None);
        await ReadByWebAsync(created.Id); // the waiter's own first read

        await PublishedAsync(created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));
        await Task.Delay(200); // the RUNNING notice goes alone (not replaced by the end) and reaches the web process
        await PublishedAsync(created.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(2)));

        Assert.Equal(StateType.SUCCESS, (await waiting.WaitAsync(Deadline)).State.Current);
        await Task.Delay(200);
        var reads = 0;
        while (Web.Reads.Done.TryRead(out var id))
        {
            reads += id == created.Id ? 1 : 0;
        }

        Assert.Equal(1, reads); // the end; the RUNNING notice was not read
    }

    [Fact]
    public async Task An_end_that_fits_rides_on_its_notice_and_a_waiter_elsewhere_gets_it_without_a_read()
    {
        await StartAsync();
        var running = await SavedAsync(Samples.Execution(state: StateType.RUNNING));
        var waiting = Web.Changes.WaitAsync(running.Id, c => Web.Executions.GetAsync(running.Id, c), None);
        await ReadByWebAsync(running.Id); // the waiter's own first read

        await PublishedAsync(running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(5)));

        var ended = await waiting.WaitAsync(Deadline);
        Assert.Equal((running.Id, StateType.SUCCESS), (ended.Id, ended.State.Current));
        Assert.True(Merlin.Core.Json.EndedExecutionJson.TryGet(ended, out _, out _)); // answered with the stored text as is
        await Task.Delay(200);
        Assert.False(Web.Reads.Done.TryRead(out _)); // nothing read back from the store
    }

    [Fact]
    public async Task A_process_listens_to_executions_from_its_first_waiter_on_not_before()
    {
        await StartAsync();
        await using var quiet = ChangeFeedProcess.Start(ConnectionString, listen: false); // a worker's process: nobody follows there
        _ = quiet.Flows; // what such a process does listen to
        await quiet.ListeningAsync();
        Assert.DoesNotContain(EveryKind, quiet.Notifications.Subscribed);

        var running = await SavedAsync(Samples.Execution(state: StateType.RUNNING));
        var waiting = quiet.Changes.WaitAsync(running.Id, c => quiet.Executions.GetAsync(running.Id, c), None);
        await UntilAsync(() => quiet.Notifications.Subscribed(ExecutionChannels.Ends), "the first waiter makes it listen to ends");
        Assert.False(quiet.Notifications.Subscribed(ExecutionChannels.Progress)); // a waiter is not woken by the progress
        await quiet.ListeningAsync();
        await PublishedAsync(running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(5)));

        Assert.Equal(StateType.SUCCESS, (await waiting.WaitAsync(Deadline)).State.Current);
    }

    [Fact]
    public async Task A_change_listener_hears_every_end_and_the_progress_only_once_it_wants_a_state_in_between()
    {
        await StartAsync();
        await using var scheduler = ChangeFeedProcess.Start(ConnectionString, listen: false);
        var running = false; // as a Flow trigger on RUNNING saved later makes the scheduler want
        var heard = Channel.CreateUnbounded<Execution>();
        using var listening = scheduler.Changes.OnChanged(
            e => heard.Writer.TryWrite(e),
            c => c.State.IsTerminated() || (c.State == StateType.RUNNING && Volatile.Read(ref running)));
        await scheduler.ListeningAsync();
        Assert.True(scheduler.Notifications.Subscribed(ExecutionChannels.Ends));
        Assert.False(scheduler.Notifications.Subscribed(ExecutionChannels.Progress)); // not woken by every creation

        var first = await SavedAsync(Samples.Execution(state: StateType.RUNNING));
        await PublishedAsync(first.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(5)));
        Assert.Equal((first.Id, StateType.SUCCESS), await NextAsync());

        Volatile.Write(ref running, true);
        scheduler.Changes.WantsChanged();
        await UntilAsync(() => scheduler.Notifications.Subscribed(ExecutionChannels.Progress), "it listens to the progress once it wants some");
        await scheduler.ListeningAsync();
        var second = await SavedAsync(Samples.Execution());
        await PublishedAsync(second.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));
        Assert.Equal((second.Id, StateType.RUNNING), await NextAsync());

        async Task<(string, StateType)> NextAsync()
        {
            var next = await heard.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
            return (next.Id, next.State.Current);
        }
    }

    [Fact]
    public async Task A_follower_makes_its_process_listen_to_every_kind_of_change()
    {
        await StartAsync();
        await using var quiet = ChangeFeedProcess.Start(ConnectionString, listen: false);
        var created = await SavedAsync(Samples.Execution());
        using var stop = new CancellationTokenSource(Deadline);

        var follow = quiet.Changes.Follow(created.Id, stop.Token);

        await UntilAsync(() => EveryKind.All(quiet.Notifications.Subscribed), "the follower makes it listen to every kind");
        await quiet.ListeningAsync();
        await PublishedAsync(created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1)));
        var next = await follow.ReadAsync(stop.Token);
        Assert.Equal(StateType.RUNNING, next.State.Current == StateType.CREATED ? (await follow.ReadAsync(stop.Token)).State.Current : next.State.Current);
    }

    [Fact]
    public async Task A_process_alone_on_its_schema_sends_no_execution_notices()
    {
        await using var alone = ChangeFeedProcess.Start(ConnectionString, censusInterval: TimeSpan.FromMilliseconds(50));
        await alone.ListeningAsync();
        await UntilAsync(() => !alone.Notifications.OthersListening, "the census finds no other listener");
        // A plain session, not a Merlin listener (the census does not count it), hears what goes on the channel.
        await using var spy = new Npgsql.NpgsqlConnection(ConnectionString + ";Application Name=spy");
        await spy.OpenAsync();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        spy.Notification += (_, e) => heard.Enqueue(e.Payload);
        var everyKind = string.Join("; ", EveryKind.Select(c => $"LISTEN {alone.Notifications.Channel(c)}"));
        await using (var listen = new Npgsql.NpgsqlCommand(everyKind, spy))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var running = Samples.Execution(state: StateType.RUNNING);
        await alone.Executions.SaveAsync(running, None);
        alone.Changes.Publish(running);
        alone.Changes.Publish(running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(1))); // an end is sent at once when anyone listens
        await spy.WaitAsync(TimeSpan.FromMilliseconds(500));
        Assert.Empty(heard);

        await alone.Notifications.NotifyAsync(ExecutionChannels.Ends, "probe", None); // the spy does hear what is sent
        await spy.WaitAsync(Deadline);
        Assert.EndsWith(":probe", Assert.Single(heard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_that_thought_itself_alone_hears_a_newcomer_at_once_and_notifies_it()
    {
        await using var first = ChangeFeedProcess.Start(ConnectionString, censusInterval: TimeSpan.FromMinutes(10)); // one census, at start
        await first.ListeningAsync();
        await UntilAsync(() => !first.Notifications.OthersListening, "the first census finds no other listener");

        await using var newcomer = ChangeFeedProcess.Start(ConnectionString);
        await newcomer.ListeningAsync();
        await UntilAsync(() => first.Notifications.OthersListening, "the first process hears that the newcomer listens");

        var created = Samples.Execution();
        await first.Executions.SaveAsync(created, None);
        using var stop = new CancellationTokenSource(Deadline);
        var follow = newcomer.Changes.Follow(created.Id, stop.Token);
        var ended = created.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(1));
        await first.Executions.SaveAsync(ended, None);
        first.Changes.Publish(ended);
        var next = await follow.ReadAsync(stop.Token);
        if (next.State.Current == StateType.CREATED)
        {
            next = await follow.ReadAsync(stop.Token); // the stored creation's own notice may come first
        }

        Assert.Equal(StateType.SUCCESS, next.State.Current); // the re-check is 10 min: only the notices can bring it
    }

    /// <summary>Stores a change as a lost notification leaves it: stored, never announced (a store without notifications).</summary>
    private async Task SavedUnannouncedAsync(Execution execution) =>
        await new Merlin.Storage.Postgres.Executions.PostgresExecutionRepository(Executor.Database).SaveAsync(execution, None);

    /// <summary>A label that makes an execution's JSON too large to ride on a notification.</summary>
    private static Label Bulky => new("bulk", new string('x', 7000));

    private async Task<Execution> SavedAsync(Execution execution)
    {
        await Executor.Executions.SaveAsync(execution, None);
        return execution;
    }

    /// <summary>Commits then publishes, as the executor does with terminal states.</summary>
    private async Task<Execution> PublishedAsync(Execution execution)
    {
        await Executor.Executions.SaveAsync(execution, None);
        Executor.Changes.Publish(execution);
        return execution;
    }

    private async Task ReadByWebAsync(string id)
    {
        using var stop = new CancellationTokenSource(Deadline);
        while (await Web.Reads.Done.ReadAsync(stop.Token) != id)
        {
        }
    }
}
