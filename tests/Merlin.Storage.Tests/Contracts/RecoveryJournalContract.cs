using Merlin.Core.Storage;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IRecoveryJournal"/> backend must do; subclass once per backend.</summary>
public abstract class RecoveryJournalContract : IAsyncLifetime
{
    private IRecoveryJournal? journal;

    protected static CancellationToken None => CancellationToken.None;

    protected IRecoveryJournal Journal => journal ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => journal = await CreateJournalAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IRecoveryJournal> CreateJournalAsync();

    [Fact]
    public async Task Each_recorded_start_adds_one_attempt_per_execution()
    {
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1 }, await Journal.RecordAttemptsAsync(["a", "b"], None));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2 }, await Journal.RecordAttemptsAsync(["a"], None));
        Assert.Equal(3, (await Journal.RecordAttemptsAsync(["a", "b"], None))["a"]);
        Assert.Empty(await Journal.RecordAttemptsAsync([], None));
    }

    [Fact]
    public async Task A_cleared_execution_starts_counting_again()
    {
        await Journal.RecordAttemptsAsync(["a", "b"], None);
        await Journal.RecordAttemptsAsync(["a", "b"], None);
        await Journal.ClearAsync("a", None);
        var counts = await Journal.RecordAttemptsAsync(["a", "b"], None);
        Assert.Equal(1, counts["a"]);
        Assert.Equal(3, counts["b"]);

        await Journal.ClearAllAsync(None);
        Assert.Equal(1, (await Journal.RecordAttemptsAsync(["b"], None))["b"]);
    }
}
