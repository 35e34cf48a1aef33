using Merlin.Core.Storage;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="ITriggerStateRepository"/> backend must do; subclass once per backend.</summary>
public abstract class TriggerStateRepositoryContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private ITriggerStateRepository? repository;

    protected static CancellationToken None => CancellationToken.None;

    protected ITriggerStateRepository Repository => repository ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => repository = await CreateRepositoryAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<ITriggerStateRepository> CreateRepositoryAsync();

    [Fact]
    public async Task Saved_state_reads_back_exactly()
    {
        var state = State("ns", "flow", "schedule") with
        {
            FlowRevision = 3,
            Date = Now.AddTicks(3),
            ExecutionId = "exec",
            Disabled = true,
            Backfill = new Dictionary<string, object?> { ["start"] = "2024-01-01T00:00:00Z", ["paused"] = false, ["count"] = 4L },
        };

        await Repository.SaveAsync(state, None);

        Deep.Equal(state, await Repository.GetAsync("ns", "flow", "schedule", None));
        Assert.Null(await Repository.GetAsync("ns", "flow", "other", None));
    }

    [Fact]
    public async Task Save_replaces_the_previous_state()
    {
        await Repository.SaveAsync(State("ns", "flow", "t"), None);
        var next = State("ns", "flow", "t") with { NextExecutionDate = Now.AddHours(1), ExecutionId = null };

        await Repository.SaveAsync(next, None);

        Deep.Equal(next, await Repository.GetAsync("ns", "flow", "t", None));
        Assert.Single(await Repository.ListAsync(null, null, None));
    }

    [Fact]
    public async Task List_filters_by_namespace_and_flow()
    {
        await Repository.SaveAsync(State("ns", "a", "t1"), None);
        await Repository.SaveAsync(State("ns", "a", "t2"), None);
        await Repository.SaveAsync(State("ns", "b", "t1"), None);
        await Repository.SaveAsync(State("other", "a", "t1"), None);

        Assert.Equal(4, (await Repository.ListAsync(null, null, None)).Count);
        Assert.Equal(3, (await Repository.ListAsync("ns", null, None)).Count);
        Assert.Equal(["t1", "t2"], (await Repository.ListAsync("ns", "a", None)).Select(s => s.TriggerId).Order());
    }

    [Fact]
    public async Task Delete_removes_one_trigger()
    {
        await Repository.SaveAsync(State("ns", "a", "t1"), None);
        await Repository.SaveAsync(State("ns", "a", "t2"), None);

        await Repository.DeleteAsync("ns", "a", "t1", None);

        Assert.Null(await Repository.GetAsync("ns", "a", "t1", None));
        Assert.NotNull(await Repository.GetAsync("ns", "a", "t2", None));
    }

    private static TriggerState State(string @namespace, string flowId, string triggerId) => new()
    {
        Namespace = @namespace,
        FlowId = flowId,
        TriggerId = triggerId,
        FlowRevision = 1,
        NextExecutionDate = Now.AddMinutes(5),
        ExecutionId = "running",
        Updated = Now,
    };
}
