using System.Collections.Concurrent;
using Merlin.Storage.Postgres.Messaging;

namespace Merlin.Storage.Tests.Postgres.Messaging;

/// <summary>Progress notices wait for a newer one of the same execution; ends go at once with everything pending.</summary>
public sealed class ExecutionNoticeCoalescerTests
{
    [Fact]
    public async Task An_end_is_sent_at_once_replacing_the_progress_of_its_execution_and_taking_the_others_along()
    {
        var sent = new ConcurrentQueue<IReadOnlyList<ExecutionNotice>>();
        await using var coalescer = new ExecutionNoticeCoalescer(TimeProvider.System, sent.Enqueue, TimeSpan.FromMinutes(5));

        coalescer.Add(Notice("x", "CREATED", 1), now: false);
        coalescer.Add(Notice("x", "RUNNING", 2), now: false);
        coalescer.Add(Notice("y", "RUNNING", 2), now: false);
        Assert.Empty(sent);

        coalescer.Add(Notice("x", "SUCCESS", 3), now: true);

        var batch = Assert.Single(sent);
        Assert.Equal(["x SUCCESS", "y RUNNING"], batch.Select(n => $"{n.Id} {n.State}").Order());
    }

    [Fact]
    public async Task Progress_alone_is_sent_once_its_window_passes()
    {
        var sent = new ConcurrentQueue<IReadOnlyList<ExecutionNotice>>();
        await using var coalescer = new ExecutionNoticeCoalescer(TimeProvider.System, sent.Enqueue, TimeSpan.FromMilliseconds(20));

        coalescer.Add(Notice("x", "RUNNING", 2), now: false);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sent.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var batch = Assert.Single(sent);
        Assert.Equal("RUNNING", Assert.Single(batch).State);
    }

    private static ExecutionNotice Notice(string id, string state, int states) => new(id, state, states, 0);
}
