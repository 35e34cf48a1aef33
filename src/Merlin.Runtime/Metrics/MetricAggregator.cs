using Merlin.Core.Storage;
using Merlin.Runtime.Errors;

namespace Merlin.Runtime.Metrics;

/// <summary>
/// Kestra's metric aggregates: one metric of a flow (or of one of its tasks) between two dates, summed, averaged, or its
/// min or max, per period. The period follows the range as Kestra chooses it (more than 365 days: month; 180: week;
/// 1: day; 6 hours: hour; else minute). Periods are UTC, weeks start on Monday, and every period of the range is
/// answered, 0 where it has no entry (as Kestra fills them).
/// </summary>
public sealed class MetricAggregator(IMetricRepository repository, TimeProvider clock)
{
    /// <summary>Kestra's default range when a date is not given: the last 30 days.</summary>
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public async Task<MetricAggregations> AggregateAsync(
        string @namespace, string flowId, string? taskId, string metric, DateTimeOffset? startDate, DateTimeOffset? endDate, string? aggregation,
        CancellationToken cancellationToken)
    {
        var combine = Combiner(aggregation ?? "sum");
        if (startDate > endDate)
        {
            throw new IllegalArgumentException("Start date must be before End Date");
        }

        var end = endDate ?? clock.GetUtcNow();
        var start = startDate ?? end - DefaultRange;
        var groupBy = GroupBy(end - start);
        var stored = await repository.BucketsAsync(new MetricBucketQuery(@namespace, flowId, taskId, metric, start, end, StoragePeriod(groupBy)), cancellationToken);
        var periods = new List<MetricAggregation>();
        for (var period = Truncate(start.ToUniversalTime(), groupBy); period < end; period = Next(period, groupBy))
        {
            var next = Next(period, groupBy);
            var inside = stored.Where(b => b.Start >= period && b.Start < next).ToList();
            periods.Add(new MetricAggregation(metric, inside.Count == 0 ? 0 : combine(inside), period));
        }

        return new MetricAggregations(groupBy, periods);
    }

    /// <summary>Kestra's <c>DateUtils.groupByType</c>: whole days and hours of the range, compared strictly.</summary>
    public static string GroupBy(TimeSpan range) =>
        range.Days > 365 ? "month" : range.Days > 180 ? "week" : range.Days > 1 ? "day" : (int)range.TotalHours > 6 ? "hour" : "minute";

    private static Func<IReadOnlyList<MetricBucket>, double> Combiner(string aggregation) => aggregation switch
    {
        "sum" => b => b.Sum(x => x.Sum),
        "avg" => b => b.Sum(x => x.Sum) / b.Sum(x => x.Count),
        "min" => b => b.Min(x => x.Min),
        "max" => b => b.Max(x => x.Max),
        _ => throw new IllegalArgumentException($"Invalid aggregation: {aggregation}"),
    };

    private static MetricPeriod StoragePeriod(string groupBy) => groupBy switch
    {
        "month" => MetricPeriod.Month,
        "week" or "day" => MetricPeriod.Day, // a week is made of its days here: the stores know no weeks
        "hour" => MetricPeriod.Hour,
        _ => MetricPeriod.Minute,
    };

    private static DateTimeOffset Truncate(DateTimeOffset at, string groupBy) => groupBy switch
    {
        "month" => new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero),
        "week" => new DateTimeOffset(at.Date.AddDays(-(((int)at.DayOfWeek + 6) % 7)), TimeSpan.Zero),
        "day" => new DateTimeOffset(at.Date, TimeSpan.Zero),
        "hour" => new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero),
        _ => new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero),
    };

    private static DateTimeOffset Next(DateTimeOffset period, string groupBy) => groupBy switch
    {
        "month" => period.AddMonths(1),
        "week" => period.AddDays(7),
        "day" => period.AddDays(1),
        "hour" => period.AddHours(1),
        _ => period.AddMinutes(1),
    };
}
