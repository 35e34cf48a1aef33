using Merlin.Core.Storage;
using Merlin.Runtime.Storage;

namespace Merlin.Runtime.Tests.Storage;

/// <summary>The single writer's batching: lazy writes (log lines) wait for company, and relaxed batches are known as such.</summary>
public sealed class GroupCommitWriterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lazy_write_waits_for_the_next_write_and_shares_its_commit(bool ownThread)
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMinutes(5), ownThread);

        var lazy = writer.QueueAsync(Write("log"), CancellationToken.None, lazy: true);
        var save = writer.QueueAsync(Write("end"), CancellationToken.None);
        await Task.WhenAll(lazy, save);

        Assert.Equal(1, writer.CommitCount);
        Assert.Equal(["log", "end"], writer.Batches.Single());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lazy_write_alone_is_committed_once_its_window_passes(bool ownThread)
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMilliseconds(20), ownThread);

        Assert.Equal("log", await writer.QueueAsync(Write("log"), CancellationToken.None, lazy: true));
        Assert.Equal(1, writer.CommitCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lazy_writes_beyond_one_batch_are_all_committed_in_order_of_arrival(bool ownThread)
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMilliseconds(20), ownThread);

        var names = Enumerable.Range(0, 250).Select(i => $"log{i}").ToList();
        var writes = names.Select(n => writer.QueueAsync(Write(n), CancellationToken.None, lazy: true)).ToList();
        await Task.WhenAll(writes);

        Assert.Equal(names, writer.Batches.SelectMany(b => b));
        Assert.All(writer.Batches, b => Assert.True(b.Count <= 100));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lazy_write_after_shutdown_fails_instead_of_waiting_forever(bool ownThread)
    {
        var writer = new RecordingWriter(TimeSpan.FromMinutes(5), ownThread);
        var before = writer.QueueAsync(Write("before"), CancellationToken.None, lazy: true);
        await writer.DisposeAsync();

        Assert.Equal("before", await before); // committed by the writer's last drain
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.QueueAsync(Write("after"), CancellationToken.None, lazy: true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_is_relaxed_only_when_every_write_is(bool ownThread)
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMinutes(5), ownThread);

        await writer.QueueAsync(Write("claim"), CancellationToken.None, relaxed: true);
        // A lazy relaxed write waits for the next one, so the two share a batch, which must then wait for the disk.
        var result = writer.QueueAsync(Write("result"), CancellationToken.None, lazy: true, relaxed: true);
        await writer.QueueAsync(Write("creation"), CancellationToken.None);
        await result;

        Assert.Equal([true, false], writer.Relaxed);
        Assert.Equal(["result", "creation"], writer.Batches[1]);
    }

    private static Func<List<string>, ValueTask<string>> Write(string name) => batch =>
    {
        batch.Add(name);
        return ValueTask.FromResult(name);
    };

    /// <summary>Commits instantly, recording each batch's writes (each adds its name) and whether it was all relaxed.</summary>
    private sealed class RecordingWriter : GroupCommitWriter<List<string>>
    {
        /// <param name="ownThread">The writer loop on a thread of its own (SQLite's), else on the thread pool (PostgreSQL's).</param>
        public RecordingWriter(TimeSpan lazyWindow, bool ownThread)
            : base(100, new StoreHealth(TimeProvider.System), "test", null, lazyWindow)
        {
            if (ownThread)
            {
                StartOnOwnThread("test-writer");
            }
            else
            {
                Start();
            }
        }

        public List<List<string>> Batches { get; } = [];

        public List<bool> Relaxed { get; } = [];

        protected override async Task CommitAsync(IReadOnlyList<GroupCommitItem<List<string>>> items, bool relaxed)
        {
            var batch = new List<string>();
            foreach (var item in items)
            {
                await item.ExecuteAsync(batch);
            }

            Batches.Add(batch);
            Relaxed.Add(relaxed);
        }

        protected override StorageFaultException? FaultOf(Exception exception) => null;
    }
}
