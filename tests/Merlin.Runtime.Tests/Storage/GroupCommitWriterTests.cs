using Merlin.Core.Storage;
using Merlin.Runtime.Storage;

namespace Merlin.Runtime.Tests.Storage;

/// <summary>The single writer's batching: lazy writes (log lines) wait for company, and relaxed batches are known as such.</summary>
public sealed class GroupCommitWriterTests
{
    [Fact]
    public async Task A_lazy_write_waits_for_the_next_write_and_shares_its_commit()
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMinutes(5));

        var lazy = writer.QueueAsync(Write("log"), CancellationToken.None, lazy: true);
        var save = writer.QueueAsync(Write("end"), CancellationToken.None);
        await Task.WhenAll(lazy, save);

        Assert.Equal(1, writer.CommitCount);
        Assert.Equal(["log", "end"], writer.Batches.Single());
    }

    [Fact]
    public async Task A_lazy_write_alone_is_committed_once_its_window_passes()
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMilliseconds(20));

        Assert.Equal("log", await writer.QueueAsync(Write("log"), CancellationToken.None, lazy: true));
        Assert.Equal(1, writer.CommitCount);
    }

    [Fact]
    public async Task Lazy_writes_beyond_one_batch_are_all_committed_in_order_of_arrival()
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMilliseconds(20));

        var names = Enumerable.Range(0, 250).Select(i => $"log{i}").ToList();
        var writes = names.Select(n => writer.QueueAsync(Write(n), CancellationToken.None, lazy: true)).ToList();
        await Task.WhenAll(writes);

        Assert.Equal(names, writer.Batches.SelectMany(b => b));
        Assert.All(writer.Batches, b => Assert.True(b.Count <= 100));
    }

    [Fact]
    public async Task A_lazy_write_after_shutdown_fails_instead_of_waiting_forever()
    {
        var writer = new RecordingWriter(TimeSpan.FromMinutes(5));
        var before = writer.QueueAsync(Write("before"), CancellationToken.None, lazy: true);
        await writer.DisposeAsync();

        Assert.Equal("before", await before); // committed by the writer's last drain
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.QueueAsync(Write("after"), CancellationToken.None, lazy: true));
    }

    [Fact]
    public async Task A_batch_is_relaxed_only_when_every_write_is()
    {
        await using var writer = new RecordingWriter(TimeSpan.FromMinutes(5));

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
        public RecordingWriter(TimeSpan lazyWindow)
            : base(100, new StoreHealth(TimeProvider.System), "test", null, lazyWindow) => Start();

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
