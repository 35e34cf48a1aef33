using System.Globalization;
using Cronos;
using Merlin.Core.Triggers;

namespace Merlin.Runtime.Scheduler;

/// <summary>Cron arithmetic of a Schedule trigger in its time zone: the next and previous fire dates, and the trigger variables.</summary>
public sealed class ScheduleDates
{
    // Cronos only looks forward; the previous date is found by scanning windows of growing size backwards.
    private static readonly TimeSpan[] BackwardWindows =
        [TimeSpan.FromMinutes(2), TimeSpan.FromHours(2), TimeSpan.FromDays(2), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(366 * 8)];

    private readonly CronExpression _cron;

    public ScheduleDates(ScheduleTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _cron = trigger.ParseCron();
        Zone = trigger.ResolveTimeZone();
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The first fire date strictly after <paramref name="after"/>, with the zone's offset; null if the cron never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        _cron.GetNextOccurrence(after, Zone) is { } next ? TimeZoneInfo.ConvertTime(next, Zone) : null;

    /// <summary>The last fire date strictly before <paramref name="before"/>, or null if none within eight years.</summary>
    public DateTimeOffset? Previous(DateTimeOffset before)
    {
        foreach (var window in BackwardWindows)
        {
            var last = _cron.GetOccurrences(before - window, before, Zone, fromInclusive: true, toInclusive: false).LastOrDefault();
            if (last != default)
            {
                return TimeZoneInfo.ConvertTime(last, Zone);
            }
        }

        return null;
    }

    /// <summary>The last fire date at or before <paramref name="now"/> (used to recover only the last missed date).</summary>
    public DateTimeOffset? LastAtOrBefore(DateTimeOffset now) => Previous(now.AddTicks(1));

    /// <summary><c>trigger.date/next/previous</c> (and the legacy <c>schedule.*</c>): ISO date-times with the zone's offset.</summary>
    public Dictionary<string, object?> Variables(DateTimeOffset date)
    {
        var variables = new Dictionary<string, object?> { ["date"] = Format(date) };
        if (Next(date) is { } next)
        {
            variables["next"] = Format(next);
        }

        if (Previous(date) is { } previous)
        {
            variables["previous"] = Format(previous);
        }

        return variables;
    }

    /// <summary>ISO-8601 with offset in the trigger zone, seconds always written, fractions only when present.</summary>
    public string Format(DateTimeOffset date)
    {
        var local = TimeZoneInfo.ConvertTime(date, Zone);
        var text = local.ToString(local.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return local.Offset == TimeSpan.Zero ? text + "Z" : text + local.ToString("zzz", CultureInfo.InvariantCulture); // Java writes UTC as Z
    }
}
