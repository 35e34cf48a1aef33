using System.Globalization;

namespace Merlin.Core.Conditions;

/// <summary>The date-based schedule conditions, on an already rendered date.</summary>
internal static class DateConditions
{
    public static bool DayWeek(DateTimeOffset date, DayWeekCondition condition) => date.DayOfWeek == condition.DayOfWeek;

    public static bool Weekend(DateTimeOffset date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static bool DayWeekInMonth(DateTimeOffset date, DayWeekInMonthCondition condition)
    {
        if (date.DayOfWeek != condition.DayOfWeek)
        {
            return false;
        }

        var day = date.Day;
        return condition.DayInMonth switch
        {
            DayInMonth.FIRST => day <= 7,
            DayInMonth.SECOND => day is > 7 and <= 14,
            DayInMonth.THIRD => day is > 14 and <= 21,
            DayInMonth.FOURTH => day is > 21 and <= 28,
            DayInMonth.LAST => day > DateTime.DaysInMonth(date.Year, date.Month) - 7,
            _ => false,
        };
    }

    /// <summary>Strictly after <c>after</c> and strictly before <c>before</c>, as Kestra's isAfter/isBefore.</summary>
    public static bool DateTimeBetween(DateTimeOffset date, string? after, string? before) =>
        (after is null || date > ParseDate(after)) && (before is null || date < ParseDate(before));

    /// <summary>Times are <c>HH:mm[:ss][offset]</c>; with an offset the date is first moved to it.</summary>
    public static bool TimeBetween(DateTimeOffset date, string? after, string? before) =>
        (after is null || Compare(date, after) > 0) && (before is null || Compare(date, before) < 0);

    public static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new FormatException($"'{text}' is not an ISO-8601 date-time");

    private static int Compare(DateTimeOffset date, string time)
    {
        var (timeOfDay, offset) = ParseTime(time);
        var local = offset is { } o ? date.ToOffset(o) : date;
        return local.TimeOfDay.CompareTo(timeOfDay);
    }

    private static (TimeSpan Time, TimeSpan? Offset) ParseTime(string text)
    {
        var value = text.Trim();
        TimeSpan? offset = null;
        if (value.EndsWith('Z'))
        {
            offset = TimeSpan.Zero;
            value = value[..^1];
        }
        else if (value.Length > 6 && value[^6] is '+' or '-')
        {
            offset = TimeSpan.Parse(value[^5..], CultureInfo.InvariantCulture) * (value[^6] == '-' ? -1 : 1);
            value = value[..^6];
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var time)
            ? (time, offset)
            : throw new FormatException($"'{text}' is not a time (HH:mm:ss with an optional offset)");
    }
}
