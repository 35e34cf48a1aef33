using Merlin.Core.Triggers;
using Merlin.Runtime.Scheduler;

namespace Merlin.Runtime.Tests.Scheduler;

public sealed class ScheduleDatesTests
{
    [Fact]
    public void Next_date_is_computed_in_the_trigger_time_zone()
    {
        var dates = new ScheduleDates(new ScheduleTrigger { Cron = "0 9 * * *", Timezone = "America/New_York" });

        var next = dates.Next(DateTimeOffset.Parse("2024-03-01T15:00:00Z"))!.Value;

        Assert.Equal(DateTimeOffset.Parse("2024-03-02T14:00:00Z"), next);
        Assert.Equal(TimeSpan.FromHours(-5), next.Offset);
        Assert.Equal("2024-03-02T09:00:00-05:00", dates.Format(next));
    }

    [Fact]
    public void Next_date_follows_daylight_saving_time()
    {
        var dates = new ScheduleDates(new ScheduleTrigger { Cron = "0 9 * * *", Timezone = "Europe/Paris" });

        Assert.Equal(DateTimeOffset.Parse("2024-03-30T08:00:00Z"), dates.Next(DateTimeOffset.Parse("2024-03-30T00:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2024-03-31T07:00:00Z"), dates.Next(DateTimeOffset.Parse("2024-03-31T00:00:00Z")));
    }

    [Fact]
    public void With_seconds_fires_on_each_matching_second()
    {
        var dates = new ScheduleDates(new ScheduleTrigger { Cron = "*/15 * * * * *", WithSeconds = true, Timezone = "UTC" });
        var from = DateTimeOffset.Parse("2024-01-01T00:00:07Z");

        Assert.Equal(DateTimeOffset.Parse("2024-01-01T00:00:15Z"), dates.Next(from));
        Assert.Equal(DateTimeOffset.Parse("2024-01-01T00:00:00Z"), dates.Previous(from));
        Assert.Equal("2024-01-01T00:00:15Z", dates.Format(dates.Next(from)!.Value));
    }

    [Theory]
    [InlineData("@hourly", "2024-01-01T11:00:00Z")]
    [InlineData("@daily", "2024-01-02T00:00:00Z")]
    [InlineData("@monthly", "2024-02-01T00:00:00Z")]
    [InlineData("@yearly", "2025-01-01T00:00:00Z")]
    public void Nicknames_expand(string cron, string expected)
    {
        var dates = new ScheduleDates(new ScheduleTrigger { Cron = cron, Timezone = "UTC" });

        Assert.Equal(DateTimeOffset.Parse(expected), dates.Next(DateTimeOffset.Parse("2024-01-01T10:30:00Z")));
    }

    [Fact]
    public void Variables_hold_date_next_and_previous_with_offset()
    {
        var dates = new ScheduleDates(new ScheduleTrigger { Cron = "0 * * * *", Timezone = "Asia/Kolkata" });

        var variables = dates.Variables(DateTimeOffset.Parse("2024-01-01T10:30:00Z"));

        Assert.Equal("2024-01-01T16:00:00+05:30", variables["date"]);
        Assert.Equal("2024-01-01T17:00:00+05:30", variables["next"]);
        Assert.Equal("2024-01-01T15:00:00+05:30", variables["previous"]);
    }
}
