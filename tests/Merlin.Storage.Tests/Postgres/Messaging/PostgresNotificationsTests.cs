using System.Collections.Concurrent;
using System.Text;
using Merlin.Storage.Postgres.Messaging;
using Merlin.Testing;
using Npgsql;

namespace Merlin.Storage.Tests.Postgres.Messaging;

public sealed class PostgresNotificationsTests : TwoProcesses
{
    [Fact]
    public async Task Notifications_asked_for_at_once_share_a_statement_and_identical_ones_are_sent_once()
    {
        await StartAsync();
        var received = new ConcurrentQueue<string>();
        var end = new TaskCompletionSource();
        using var listening = Web.Notifications.Listen("burst", p =>
        {
            if (p == "end")
            {
                end.TrySetResult();
            }
            else
            {
                received.Enqueue(p);
            }
        });
        await Web.ListeningAsync();
        var before = Executor.Notifications.SentBatches;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Executor.Notifications.NotifyAsync("burst", "p" + (i % 20), None)).ToList());
        var batches = Executor.Notifications.SentBatches - before;
        await Executor.Notifications.NotifyAsync("burst", "end", None);
        await end.Task.WaitAsync(Deadline); // notifications arrive in the order they were committed

        Assert.InRange(batches, 1, 3);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "p" + i).Order(), received.Distinct().Order());
        Assert.InRange(received.Count, 20, 20 * batches); // each statement carries each distinct payload once
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_refused_and_one_at_the_limit_arrives()
    {
        await StartAsync();
        var received = new TaskCompletionSource<string>();
        using var listening = Web.Notifications.Listen("large", p => received.TrySetResult(p));
        await Web.ListeningAsync();
        var largest = new string('x', PostgresNotifications.MaxPayloadBytes);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Executor.Notifications.NotifyAsync("large", largest + "é", None));
        await Executor.Notifications.NotifyAsync("large", largest, None);

        Assert.Contains("7900 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Equal(largest, await received.Task.WaitAsync(Deadline));
        Assert.True(Encoding.UTF8.GetByteCount(largest + "é") > largest.Length + 1); // the limit counts bytes, not characters
    }

    [Fact]
    public async Task Own_notifications_reach_only_listeners_that_ask_for_them()
    {
        await StartAsync();
        var withoutOwn = new ConcurrentQueue<string>();
        var withOwn = new TaskCompletionSource<string>();
        using var first = Executor.Notifications.Listen("own", withoutOwn.Enqueue);
        using var second = Executor.Notifications.Listen("own", p => withOwn.TrySetResult(p), includeOwn: true);
        await Executor.ListeningAsync();

        await Executor.Notifications.NotifyAsync("own", "hello", None);

        Assert.Equal("hello", await withOwn.Task.WaitAsync(Deadline));
        Assert.Empty(withoutOwn); // called before the second listener in the same dispatch
    }

    [Fact]
    public async Task A_notification_within_a_write_is_heard_by_other_processes_at_its_commit()
    {
        await StartAsync();
        var there = new TaskCompletionSource<string>();
        var here = new ConcurrentQueue<string>();
        using var listeningThere = Web.Notifications.Listen("queue", p => there.TrySetResult(p));
        using var listeningHere = Executor.Notifications.Listen("queue", here.Enqueue);
        var backHere = new TaskCompletionSource<string>();
        using var listeningToOwn = Executor.Notifications.Listen("queue", p => backHere.TrySetResult(p), includeOwn: true);
        await Task.WhenAll(Web.ListeningAsync(), Executor.ListeningAsync());

        await Executor.Database.WriteAsync(
            async context =>
            {
                Executor.Notifications.NotifyWithin(context, "queue", "a1b2");
                await using (var flush = await context.CommandAsync("SELECT 1")) // the deferred notification is sent first
                {
                    await flush.ExecuteNonQueryAsync();
                }

                await Task.Delay(100);
                Assert.False(there.Task.IsCompleted); // sent, but not delivered before the commit
                return true;
            },
            None);

        Assert.Equal("a1b2", await there.Task.WaitAsync(Deadline));
        Assert.Equal("a1b2", await backHere.Task.WaitAsync(Deadline));
        Assert.Empty(here); // called before the listener above in the same dispatch: the sender wakes its own consumers itself
    }

    [Fact]
    public async Task Of_the_notifications_of_one_batch_with_one_key_only_the_last_is_sent()
    {
        await StartAsync();
        var heard = new ConcurrentQueue<string>();
        using var listening = Web.Notifications.Listen("queue", heard.Enqueue);
        await Web.ListeningAsync();

        await Executor.Database.WriteAsync(
            context =>
            {
                Executor.Notifications.NotifyWithin(context, "queue", "first of e1", key: "e1");
                Executor.Notifications.NotifyWithin(context, "queue", "only of e2", key: "e2");
                Executor.Notifications.NotifyWithin(context, "queue", "last of e1", key: "e1");
                Executor.Notifications.NotifyWithin(context, "queue", "same");
                Executor.Notifications.NotifyWithin(context, "queue", "same");
                return Task.FromResult(true);
            },
            None);

        await UntilAsync(() => heard.Count >= 3, "the batch's notifications arrive");
        await Task.Delay(200); // nothing more comes
        Assert.Equal(["last of e1", "only of e2", "same"], heard.Order());
    }

    [Fact]
    public async Task A_notification_not_sent_by_merlin_is_handed_on_whole()
    {
        await StartAsync();
        var received = new TaskCompletionSource<string>();
        using var listening = Web.Notifications.Listen("queue", p => received.TrySetResult(p));
        await Web.ListeningAsync();

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var notify = new NpgsqlCommand($"NOTIFY {Web.Notifications.Channel("queue")}, 'abc:operator'", connection);
            await notify.ExecuteNonQueryAsync();
        }

        Assert.Equal("abc:operator", await received.Task.WaitAsync(Deadline));
    }

    [Fact]
    public async Task An_installation_in_another_schema_of_the_database_is_not_heard()
    {
        await StartAsync();
        var cluster = await PostgresCluster.GetAsync();
        var otherSchema = await cluster.CreateSchemaAsync();
        try
        {
            var received = new ConcurrentQueue<string>();
            var end = new TaskCompletionSource();
            using var listening = Web.Notifications.Listen("shared", p =>
            {
                received.Enqueue(p);
                if (p == "ours")
                {
                    end.TrySetResult();
                }
            });
            await Web.ListeningAsync();
            await using (var other = ChangeFeedProcess.Start(otherSchema))
            {
                await other.Notifications.NotifyAsync("shared", "theirs", None);
            }

            await Executor.Notifications.NotifyAsync("shared", "ours", None); // committed after theirs: heard after it
            await end.Task.WaitAsync(Deadline);

            Assert.Equal(["ours"], received);
        }
        finally
        {
            await cluster.DropSchemaAsync(otherSchema);
        }
    }

    [Theory]
    [InlineData("Executions")]
    [InlineData("executions; DROP TABLE flows")]
    [InlineData("a_channel_name_much_too_long_for_postgresql_identifiers_of_63_bytes")]
    public async Task A_channel_name_that_is_not_a_short_plain_identifier_is_refused(string channel)
    {
        await StartAsync();

        Assert.Throws<ArgumentException>(() => Executor.Notifications.Listen(channel, _ => { }));
        await Assert.ThrowsAsync<ArgumentException>(() => Executor.Notifications.NotifyAsync(channel, "x", None));
    }
}
