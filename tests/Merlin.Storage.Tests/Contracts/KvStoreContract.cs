using Merlin.Core.Storage;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IKvStore"/> backend must do; subclass once per backend.</summary>
public abstract class KvStoreContract : IAsyncLifetime
{
    private IKvStore? store;

    protected static CancellationToken None => CancellationToken.None;

    protected static DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    protected IKvStore Store => store ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The store must judge expiry by the real clock (entries here expire a day before or after now).</summary>
    protected abstract Task<IKvStore> CreateStoreAsync();

    [Theory]
    [InlineData("text")]
    [InlineData(42L)]
    [InlineData(1.5)]
    [InlineData(true)]
    [InlineData(null)]
    public async Task Set_values_read_back(object? value)
    {
        var entry = new KvEntry("ns", "key", value, null, Now);

        await Store.SetAsync(entry, None);

        Deep.Equal(entry, await Store.GetAsync("ns", "key", None));
    }

    [Fact]
    public async Task Structured_value_and_expiry_read_back()
    {
        var entry = new KvEntry("ns", "key", new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, "b" } }, Now.AddDays(1), Now);

        await Store.SetAsync(entry, None);

        Deep.Equal(entry, await Store.GetAsync("ns", "key", None));
    }

    [Fact]
    public async Task Set_replaces_the_value()
    {
        await Store.SetAsync(new KvEntry("ns", "key", "old", null, Now), None);
        await Store.SetAsync(new KvEntry("ns", "key", "new", null, Now), None);

        Assert.Equal("new", (await Store.GetAsync("ns", "key", None))?.Value);
    }

    [Fact]
    public async Task Expired_entries_are_never_returned()
    {
        await Store.SetAsync(new KvEntry("ns", "old", "v", Now.AddDays(-1), Now), None);
        await Store.SetAsync(new KvEntry("ns", "fresh", "v", Now.AddDays(1), Now), None);

        Assert.Null(await Store.GetAsync("ns", "old", None));
        Assert.Equal(["fresh"], (await Store.ListAsync("ns", None)).Select(e => e.Key));
        Assert.False(await Store.DeleteAsync("ns", "old", None));
    }

    [Fact]
    public async Task List_returns_one_namespace_sorted_by_key()
    {
        await Store.SetAsync(new KvEntry("ns", "b", 1L, null, Now), None);
        await Store.SetAsync(new KvEntry("ns", "a", 2L, null, Now), None);
        await Store.SetAsync(new KvEntry("ns.child", "c", 3L, null, Now), None);

        Assert.Equal(["a", "b"], (await Store.ListAsync("ns", None)).Select(e => e.Key));
    }

    [Fact]
    public async Task Delete_removes_the_entry_once()
    {
        await Store.SetAsync(new KvEntry("ns", "key", "v", null, Now), None);

        Assert.True(await Store.DeleteAsync("ns", "key", None));
        Assert.False(await Store.DeleteAsync("ns", "key", None));
        Assert.Null(await Store.GetAsync("ns", "key", None));
    }
}
