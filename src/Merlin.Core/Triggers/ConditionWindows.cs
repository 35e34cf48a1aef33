using System.Globalization;
using Merlin.Core.Conditions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;

namespace Merlin.Core.Triggers;

/// <summary>
/// The time window a MultipleCondition or a preconditions set is evaluated in (Kestra's <c>getOrCreate</c>):
/// DURATION_WINDOW (default one day from midnight, shifted by <c>windowAdvance</c>), SLIDING_WINDOW (from the first
/// evaluation), DAILY_TIME_WINDOW (<c>startTime</c> to <c>endTime</c> today), DAILY_TIME_DEADLINE (midnight to <c>deadline</c>).
/// </summary>
public static class ConditionWindows
{
    /// <summary>The stored window while <paramref name="now"/> is inside it, else a new empty one.</summary>
    public static MultipleConditionWindow Current(MultipleConditionWindow? stored, Flow flow, string conditionId, TimeWindow timeWindow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(timeWindow);
        if (stored is not null && stored.IsValid(now))
        {
            return stored;
        }

        var (start, end) = Bounds(timeWindow, now);
        return new MultipleConditionWindow { Namespace = flow.Namespace, FlowId = flow.Id, ConditionId = conditionId, Start = start, End = end };
    }

    /// <summary>The deprecated <c>window</c> / <c>windowAdvance</c> of a MultipleCondition override its <c>timeWindow</c>, as in Kestra.</summary>
    public static TimeWindow Of(MultipleCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return condition.Window is null && condition.WindowAdvance is null
            ? condition.TimeWindow
            : new TimeWindow
            {
                Type = condition.TimeWindow.Type,
                Window = condition.Window ?? condition.TimeWindow.Window,
                WindowAdvance = condition.WindowAdvance ?? condition.TimeWindow.WindowAdvance,
                Deadline = condition.TimeWindow.Deadline,
                StartTime = condition.TimeWindow.StartTime,
                EndTime = condition.TimeWindow.EndTime,
            };
    }

    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(TimeWindow timeWindow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeWindow);
        now = now.ToUniversalTime();
        now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var window = timeWindow.Window is null ? TimeSpan.FromDays(1) : IsoDuration.Parse(timeWindow.Window);
        var day = new DateTimeOffset(now.Date, TimeSpan.Zero);
        switch (timeWindow.Type)
        {
            case TimeWindowType.SLIDING_WINDOW:
                return (now, now + window);
            case TimeWindowType.DAILY_TIME_WINDOW:
                return (day + TimeOfDay(timeWindow.StartTime, "startTime"), day + TimeOfDay(timeWindow.EndTime, "endTime"));
            case TimeWindowType.DAILY_TIME_DEADLINE:
                return (day, day + TimeOfDay(timeWindow.Deadline, "deadline"));
            default:
                var start = DurationStart(now, window);
                if (timeWindow.WindowAdvance is not null)
                {
                    start += IsoDuration.Parse(timeWindow.WindowAdvance);
                }

                return (start, start + window - TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>Kestra's truncation: to the day for windows of a day or more, to the hour, then to a multiple of the window's minutes.</summary>
    private static DateTimeOffset DurationStart(DateTimeOffset now, TimeSpan window)
    {
        var start = now;
        if (window.TotalDays >= 1)
        {
            start = start.AddHours(-start.Hour);
        }

        if (window.TotalHours >= 1)
        {
            start = start.AddMinutes(-start.Minute);
        }

        var minutes = (long)window.TotalMinutes;
        if (minutes > 0)
        {
            start = start.AddSeconds(-start.Second).AddMinutes(-start.Minute).AddMinutes(minutes * (start.Minute / minutes));
        }

        return start;
    }

    /// <summary>A time of day <c>HH:mm:ss</c>, with an optional offset (converted to UTC).</summary>
    private static TimeSpan TimeOfDay(string? text, string property)
    {
        if (text is null)
        {
            throw new FormatException($"timeWindow.{property} is required for this window type");
        }

        return DateTimeOffset.TryParseExact("1970-01-01T" + text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.UtcDateTime.TimeOfDay
            : throw new FormatException($"timeWindow.{property} must be a time like 09:00:00, got '{text}'");
    }
}
