using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Metrics;
using Merlin.Runtime.Tests.Support;

namespace Merlin.Runtime.Tests.Metrics;

public sealed class MetricAggregatorTests
{
    private static readonly DateTimeOffset Wednesday = new(2024, 5, 1, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.5, "minute")]
    [InlineData(6.99, "minute")]
    [InlineData(7, "hour")]
    [InlineData(47.9, "hour")]
    [InlineData(48, "day")]
    [InlineData(181 * 24, "week")]
    [InlineData(366 * 24, "month")]
    public void The_period_follows_the_range_as_kestra_chooses_it(double hours, string groupBy) =>
        Assert.Equal(groupBy, MetricAggregator.GroupBy(TimeSpan.FromHours(hours)));

    [Fact]
    public async Task Weeks_start_on_monday_and_combine_their_days_every_week_of_the_range_answered()
    {
        var monday = new DateTimeOffset(2024, 4, 29, 0, 0, 0, TimeSpan.Zero);
        var store = new StoredBuckets(
            new MetricBucket(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), 2, 10, 4, 6),
            new MetricBucket(monday.AddDays(6), 1, 1, 1, 1),
            new MetricBucket(monday.AddDays(14), 3, 30, 5, 15));
        var aggregator = new MetricAggregator(store, new FakeTimeProvider(Wednesday));
        var start = Wednesday.AddDays(-200);

        var sum = await aggregator.AggregateAsync("ns", "flow", null, "rows", start, Wednesday.AddDays(20), "sum", CancellationToken.None);
        var avg = await aggregator.AggregateAsync("ns", "flow", null, "rows", start, Wednesday.AddDays(20), "avg", CancellationToken.None);

        Assert.Equal(MetricPeriod.Day, store.Asked!.Period);
        Assert.Equal("week", sum.GroupBy);
        Assert.All(sum.Aggregations, a => Assert.Equal(DayOfWeek.Monday, a.Date.DayOfWeek));
        Assert.Equal(sum.Aggregations.Count, sum.Aggregations.Select(a => a.Date).Distinct().Count());
        Assert.True(sum.Aggregations[0].Date <= start && sum.Aggregations[^1].Date < Wednesday.AddDays(20));
        Assert.Equal(11, sum.Aggregations.Single(a => a.Date == monday).Value);
        Assert.Equal(30, sum.Aggregations.Single(a => a.Date == monday.AddDays(14)).Value);
        Assert.Equal(0, sum.Aggregations.Single(a => a.Date == monday.AddDays(7)).Value);
        Assert.Equal(11.0 / 3, avg.Aggregations.Single(a => a.Date == monday).Value, precision: 10);
    }

    [Fact]
    public async Task Min_and_max_combine_their_periods_and_the_range_defaults_to_the_last_30_days()
    {
        var store = new StoredBuckets(new MetricBucket(Wednesday.AddDays(-1), 2, 10, 4, 6), new MetricBucket(Wednesday.AddDays(-1).AddHours(3), 1, 1, 1, 1));
        var aggregator = new MetricAggregator(store, new FakeTimeProvider(Wednesday));

        var min = await aggregator.AggregateAsync("ns", "flow", "task", "rows", null, null, "min", CancellationToken.None);
        var max = await aggregator.AggregateAsync("ns", "flow", "task", "rows", null, null, "max", CancellationToken.None);

        Assert.Equal((Wednesday.AddDays(-30), Wednesday, "task"), (store.Asked!.Start, store.Asked.End, store.Asked.TaskId));
        Assert.Equal(("day", 31), (min.GroupBy, min.Aggregations.Count));
        Assert.Equal(1, min.Aggregations[^2].Value);
        Assert.Equal(6, max.Aggregations[^2].Value);
    }

    [Fact]
    public async Task An_unknown_aggregation_or_a_backwards_range_is_an_illegal_argument()
    {
        var aggregator = new MetricAggregator(new StoredBuckets(), new FakeTimeProvider(Wednesday));

        var unknown = await Assert.ThrowsAsync<IllegalArgumentException>(() =>
            aggregator.AggregateAsync("ns", "flow", null, "rows", null, null, "median", CancellationToken.None));
        var backwards = await Assert.ThrowsAsync<IllegalArgumentException>(() =>
            aggregator.AggregateAsync("ns", "flow", null, "rows", Wednesday, Wednesday.AddDays(-1), "sum", CancellationToken.None));

        Assert.Equal("Invalid aggregation: median", unknown.Message);
        Assert.Equal("Start date must be before End Date", backwards.Message);
    }

    /// <summary>Answers fixed buckets (what a store returned) and keeps the query, to test the combination alone.</summary>
    private sealed class StoredBuckets(params MetricBucket[] buckets) : IMetricRepository
    {
        public MetricBucketQuery? Asked { get; private set; }

        public Task<IReadOnlyList<MetricBucket>> BucketsAsync(MetricBucketQuery query, CancellationToken cancellationToken)
        {
            Asked = query;
            return Task.FromResult<IReadOnlyList<MetricBucket>>(buckets);
        }

        public Task AppendAsync(IReadOnlyList<MetricEntry> entries, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PagedResult<MetricEntry>> ListAsync(MetricQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> NamesAsync(string @namespace, string flowId, string? taskId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> TaskIdsAsync(string @namespace, string flowId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> DeleteByExecutionAsync(string executionId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
