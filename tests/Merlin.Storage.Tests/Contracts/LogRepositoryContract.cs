using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="ILogRepository"/> backend must do; subclass once per backend.</summary>
public abstract class LogRepositoryContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private ILogRepository? repository;

    protected static CancellationToken None => CancellationToken.None;

    protected ILogRepository Repository => repository ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => repository = await CreateRepositoryAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<ILogRepository> CreateRepositoryAsync();

    [Fact]
    public async Task Appended_entries_read_back_in_time_order()
    {
        var late = Entry("e1", "tr1", LogLevel.INFO, 2) with { TaskId = "log", AttemptNumber = 1, TriggerId = "t", Thread = "main" };
        var early = Entry("e1", "tr1", LogLevel.WARN, 1);

        await Repository.AppendAsync([late, early], None);

        Assert.Equal([early, late], await Repository.ListAsync("e1", LogLevel.TRACE, null, None));
    }

    [Fact]
    public async Task A_single_entry_reads_back_field_for_field_with_or_without_its_optional_fields()
    {
        var full = Entry("e1", "tr1", LogLevel.ERROR, 5) with { TaskId = "log", AttemptNumber = 2, TriggerId = "t", Thread = "worker" };
        var bare = Entry("e2", "tr2", LogLevel.INFO, 6) with { TaskRunId = null };

        await Repository.AppendAsync([full], None);
        await Repository.AppendAsync([bare], None);

        Assert.Equal([full], await Repository.ListAsync("e1", LogLevel.TRACE, null, None));
        Assert.Equal([bare], await Repository.ListAsync("e2", LogLevel.TRACE, null, None));
    }

    [Fact]
    public async Task List_filters_by_level_and_task_run()
    {
        await Repository.AppendAsync(
            [
                Entry("e1", "tr1", LogLevel.DEBUG, 1),
                Entry("e1", "tr1", LogLevel.ERROR, 2),
                Entry("e1", "tr2", LogLevel.INFO, 3),
                Entry("e2", "tr3", LogLevel.ERROR, 4),
            ],
            None);

        Assert.Equal([2, 3], (await Repository.ListAsync("e1", LogLevel.INFO, null, None)).Select(e => e.Timestamp.Second));
        Assert.Equal([1, 2], (await Repository.ListAsync("e1", LogLevel.TRACE, "tr1", None)).Select(e => e.Timestamp.Second));
        Assert.Empty(await Repository.ListAsync("missing", LogLevel.TRACE, null, None));
    }

    [Fact]
    public async Task Delete_by_execution_removes_only_its_entries()
    {
        await Repository.AppendAsync([Entry("e1", "a", LogLevel.INFO, 1), Entry("e1", "a", LogLevel.INFO, 2), Entry("e2", "b", LogLevel.INFO, 3)], None);

        Assert.Equal(2, await Repository.DeleteByExecutionAsync("e1", None));
        Assert.Empty(await Repository.ListAsync("e1", LogLevel.TRACE, null, None));
        Assert.Single(await Repository.ListAsync("e2", LogLevel.TRACE, null, None));
    }

    [Fact]
    public async Task Parallel_appends_are_all_kept()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Repository.AppendAsync([Entry("e1", $"tr{i}", LogLevel.INFO, i % 60)], None))));

        Assert.Equal(200, (await Repository.ListAsync("e1", LogLevel.TRACE, null, None)).Count);
    }

    private static LogEntry Entry(string executionId, string taskRunId, LogLevel level, int second) => new()
    {
        Namespace = "company.team",
        FlowId = "hello",
        ExecutionId = executionId,
        TaskRunId = taskRunId,
        Timestamp = Now.AddSeconds(second).AddTicks(7),
        Level = level,
        Message = $"message {second} «é»",
    };
}
