using Merlin.Core.Storage;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IMultipleConditionWindowStore"/> backend must do; subclass once per backend.</summary>
public abstract class MultipleConditionWindowStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private IMultipleConditionWindowStore? store;

    protected static CancellationToken None => CancellationToken.None;

    protected IMultipleConditionWindowStore Store => store ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IMultipleConditionWindowStore> CreateStoreAsync();

    [Fact]
    public async Task Saved_window_reads_back_exactly()
    {
        var window = Window("ns", "flow", "multiple").With(["flow-a", "success"]);

        await Store.SaveAsync(window, None);

        Deep.Equal(window, await Store.GetAsync("ns", "flow", "multiple", None));
        Assert.Null(await Store.GetAsync("ns", "flow", "other", None));
        Assert.Null(await Store.GetAsync("ns", "other", "multiple", None));
    }

    [Fact]
    public async Task Save_replaces_the_window_of_the_same_flow_and_condition()
    {
        await Store.SaveAsync(Window("ns", "flow", "c").With(["a"]), None);
        var next = Window("ns", "flow", "c").With(["a", "b"]);

        await Store.SaveAsync(next, None);

        Deep.Equal(next, await Store.GetAsync("ns", "flow", "c", None));
    }

    [Fact]
    public async Task Delete_removes_one_window()
    {
        await Store.SaveAsync(Window("ns", "flow", "c1"), None);
        await Store.SaveAsync(Window("ns", "flow", "c2"), None);

        await Store.DeleteAsync("ns", "flow", "c1", None);

        Assert.Null(await Store.GetAsync("ns", "flow", "c1", None));
        Assert.NotNull(await Store.GetAsync("ns", "flow", "c2", None));
    }

    [Fact]
    public async Task Expired_windows_are_purged_and_current_ones_kept()
    {
        await Store.SaveAsync(Window("ns", "flow", "old") with { Start = Midnight.AddDays(-1), End = Midnight.AddTicks(-1) }, None);
        await Store.SaveAsync(Window("ns", "flow", "current"), None);

        Assert.Equal(1, await Store.DeleteExpiredAsync(Midnight.AddHours(1), None));

        Assert.Null(await Store.GetAsync("ns", "flow", "old", None));
        Assert.NotNull(await Store.GetAsync("ns", "flow", "current", None));
    }

    private static MultipleConditionWindow Window(string @namespace, string flowId, string conditionId) => new()
    {
        Namespace = @namespace,
        FlowId = flowId,
        ConditionId = conditionId,
        Start = Midnight,
        End = Midnight.AddDays(1).AddMilliseconds(-1),
    };
}
