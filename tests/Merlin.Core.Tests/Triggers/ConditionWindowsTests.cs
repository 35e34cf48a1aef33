using Merlin.Core.Triggers;
using Xunit;

namespace Merlin.Core.Tests.Triggers;

/// <summary>The windows of MultipleCondition and preconditions, as Kestra computes them.</summary>
public sealed class ConditionWindowsTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 37, 12, 345, TimeSpan.Zero);

    [Fact]
    public void The_default_duration_window_is_today_from_midnight_to_the_last_millisecond()
    {
        var (start, end) = ConditionWindows.Bounds(new TimeWindow(), Now);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 23, 59, 59, 999, TimeSpan.Zero), end);
    }

    [Fact]
    public void A_duration_window_of_minutes_starts_at_the_last_multiple_and_moves_by_windowAdvance()
    {
        var (start, end) = ConditionWindows.Bounds(new TimeWindow { Window = "PT15M", WindowAdvance = "PT1M" }, Now);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 31, 0, TimeSpan.Zero), start);
        Assert.Equal(start + TimeSpan.FromMinutes(15) - TimeSpan.FromMilliseconds(1), end);
    }

    [Fact]
    public void A_sliding_window_starts_now()
    {
        var (start, end) = ConditionWindows.Bounds(new TimeWindow { Type = TimeWindowType.SLIDING_WINDOW, Window = "PT1H" }, Now);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 37, 12, TimeSpan.Zero), start);
        Assert.Equal(start.AddHours(1), end);
    }

    [Fact]
    public void Daily_windows_use_times_of_the_day_in_utc()
    {
        var day = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal((day.AddHours(6), day.AddHours(9)),
            ConditionWindows.Bounds(new TimeWindow { Type = TimeWindowType.DAILY_TIME_WINDOW, StartTime = "06:00:00", EndTime = "11:00:00+02:00" }, Now));
        Assert.Equal((day, day.AddHours(9)), ConditionWindows.Bounds(new TimeWindow { Type = TimeWindowType.DAILY_TIME_DEADLINE, Deadline = "09:00:00" }, Now));
    }

    [Fact]
    public void The_deprecated_window_of_a_multiple_condition_overrides_its_time_window()
    {
        var window = ConditionWindows.Of(new Conditions.MultipleCondition { Id = "m", Window = "PT1H", WindowAdvance = "PT0S" });

        Assert.Equal(TimeWindowType.DURATION_WINDOW, window.Type);
        Assert.Equal("PT1H", window.Window);
    }
}
