using Merlin.Core.Storage;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IMetricRepository"/> backend must do; subclass once per backend.</summary>
public abstract class MetricRepositoryContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private IMetricRepository? repository;

    protected static CancellationToken None => CancellationToken.None;

    protected IMetricRepository Repository => repository ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => repository = await CreateRepositoryAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IMetricRepository> CreateRepositoryAsync();

    [Fact]
    public async Task Appended_entries_read_back_whole_in_time_order()
    {
        var late = Entry("e1", "tr1", "rows", 3, 2) with { Tags = new Dictionary<string, string> { ["file"] = "a «é».csv", ["k"] = "v" } };
        var early = Entry("e1", "tr1", "duration", 1500.5, 1) with { Type = MetricTypes.Timer, Tags = new Dictionary<string, string>() };

        await Repository.AppendAsync([late, early], None);

        var page = await Repository.ListAsync(new MetricQuery { ExecutionId = "e1" }, None);
        Assert.Equal(2, page.Total);
        AssertSame(early, page.Results[0]);
        AssertSame(late, page.Results[1]);
    }

    [Fact]
    public async Task List_filters_by_task_run_and_task_and_pages()
    {
        await Repository.AppendAsync(
            [
                Entry("e1", "tr1", "a", 1, 1),
                Entry("e1", "tr1", "b", 2, 2),
                Entry("e1", "tr2", "c", 3, 3) with { TaskId = "other" },
                Entry("e2", "tr3", "d", 4, 4),
            ],
            None);

        Assert.Equal([1, 2], await ValuesAsync(new MetricQuery { ExecutionId = "e1", TaskRunId = "tr1" }));
        Assert.Equal([3], await ValuesAsync(new MetricQuery { ExecutionId = "e1", TaskId = "other" }));
        var second = await Repository.ListAsync(new MetricQuery { ExecutionId = "e1", Page = 2, Size = 2 }, None);
        Assert.Equal(3, second.Total);
        Assert.Equal([3], Values(second));
        var beyond = await Repository.ListAsync(new MetricQuery { ExecutionId = "e1", Page = 5, Size = 2 }, None);
        Assert.Equal(3, beyond.Total);
        Assert.Empty(beyond.Results);
        Assert.Equal(0, (await Repository.ListAsync(new MetricQuery { ExecutionId = "missing" }, None)).Total);
    }

    [Fact]
    public async Task List_sorts_by_the_given_fields()
    {
        await Repository.AppendAsync([Entry("e1", "tr1", "b", 2, 1), Entry("e1", "tr1", "a", 3, 2), Entry("e1", "tr1", "c", 1, 3)], None);

        Assert.Equal([3, 2, 1], await ValuesAsync(new MetricQuery { ExecutionId = "e1", Sort = [new(MetricSortField.Value, true)] }));
        Assert.Equal([3, 2, 1], await ValuesAsync(new MetricQuery { ExecutionId = "e1", Sort = [new(MetricSortField.Name, false)] }));
        Assert.Equal([1, 3, 2], await ValuesAsync(new MetricQuery { ExecutionId = "e1", Sort = [new(MetricSortField.Timestamp, true)] }));
    }

    [Fact]
    public async Task Names_and_task_ids_are_distinct_per_flow_and_task()
    {
        await Repository.AppendAsync(
            [
                Entry("e1", "tr1", "rows", 1, 1),
                Entry("e2", "tr2", "rows", 1, 2),
                Entry("e2", "tr3", "bytes", 1, 3) with { TaskId = "load" },
                Entry("e3", "tr4", "other", 1, 4) with { FlowId = "another" },
            ],
            None);

        Assert.Equal(["bytes", "rows"], await Repository.NamesAsync("company.team", "hello", null, None));
        Assert.Equal(["bytes"], await Repository.NamesAsync("company.team", "hello", "load", None));
        Assert.Equal(["extract", "load"], await Repository.TaskIdsAsync("company.team", "hello", None));
        Assert.Empty(await Repository.NamesAsync("company.other", "hello", null, None));
    }

    [Fact]
    public async Task Buckets_group_one_metric_by_period_within_the_range()
    {
        await Repository.AppendAsync(
            [
                Entry("e1", "a", "rows", 2, 0),
                Entry("e2", "b", "rows", 6, 30),
                Entry("e3", "c", "rows", 5, 3600),
                Entry("e4", "d", "rows", 100, 7200) with { TaskId = "load" },
                Entry("e5", "e", "bytes", 7, 60),
                Entry("e6", "f", "rows", 9, -86400),
            ],
            None);

        var hours = await Repository.BucketsAsync(new MetricBucketQuery("company.team", "hello", null, "rows", Now, Now.AddHours(3), MetricPeriod.Hour), None);
        Assert.Equal(
            [new(Now, 2, 8, 2, 6), new(Now.AddHours(1), 1, 5, 5, 5), new(Now.AddHours(2), 1, 100, 100, 100)],
            hours);
        var ofTask = await Repository.BucketsAsync(new MetricBucketQuery("company.team", "hello", "extract", "rows", Now, Now.AddHours(3), MetricPeriod.Day), None);
        Assert.Equal([new MetricBucket(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), 3, 13, 2, 6)], ofTask);
        var minutes = await Repository.BucketsAsync(new MetricBucketQuery("company.team", "hello", null, "rows", Now, Now.AddMinutes(59), MetricPeriod.Minute), None);
        Assert.Equal([Now], minutes.Select(b => b.Start));
        var months = await Repository.BucketsAsync(new MetricBucketQuery("company.team", "hello", null, "rows", Now.AddDays(-40), Now.AddDays(1), MetricPeriod.Month), None);
        Assert.Equal([new MetricBucket(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), 1, 9, 9, 9), new MetricBucket(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), 4, 113, 2, 100)], months);
    }

    [Fact]
    public async Task Delete_by_execution_removes_only_its_entries()
    {
        await Repository.AppendAsync([Entry("e1", "a", "x", 1, 1), Entry("e1", "a", "y", 2, 2), Entry("e2", "b", "x", 3, 3)], None);

        Assert.Equal(2, await Repository.DeleteByExecutionAsync("e1", None));
        Assert.Equal(0, (await Repository.ListAsync(new MetricQuery { ExecutionId = "e1" }, None)).Total);
        Assert.Equal(1, (await Repository.ListAsync(new MetricQuery { ExecutionId = "e2" }, None)).Total);
    }

    [Fact]
    public async Task Parallel_appends_are_all_kept()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Repository.AppendAsync([Entry("e1", $"tr{i}", "n", i, i % 60)], None))));

        Assert.Equal(200, (await Repository.ListAsync(new MetricQuery { ExecutionId = "e1", Size = 1000 }, None)).Results.Count);
    }

    private static double[] Values(PagedResult<MetricEntry> page) => [.. page.Results.Select(e => e.Value)];

    private async Task<IEnumerable<double>> ValuesAsync(MetricQuery query) => Values(await Repository.ListAsync(query, None));

    private static void AssertSame(MetricEntry expected, MetricEntry actual)
    {
        Assert.Equal(expected with { Tags = null }, actual with { Tags = null });
        Assert.Equal(expected.Tags?.OrderBy(t => t.Key), actual.Tags?.OrderBy(t => t.Key));
    }

    private static MetricEntry Entry(string executionId, string taskRunId, string name, double value, int second) => new()
    {
        Namespace = "company.team",
        FlowId = "hello",
        TaskId = "extract",
        ExecutionId = executionId,
        TaskRunId = taskRunId,
        Type = MetricTypes.Counter,
        Name = name,
        Value = value,
        Timestamp = Now.AddSeconds(second).AddTicks(7),
    };
}
