using System.Xml;

namespace Merlin.Sdk.Values;

/// <summary>ISO-8601 durations as Kestra writes them (<c>PT5S</c>, <c>PT1M30S</c>, <c>P1D</c>, <c>PT0.5S</c>).</summary>
public static class IsoDuration
{
    /// <summary>Parses a duration; throws <see cref="FormatException"/> with the offending text when invalid.</summary>
    /// <remarks>A missing duration (null or blank) is zero, which is what optional intervals mean.</remarks>
    public static TimeSpan Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.Zero;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text.Trim().ToUpperInvariant());
        }
        catch (FormatException)
        {
            throw new FormatException($"Invalid ISO-8601 duration '{text}' (expected e.g. PT5S, PT1M30S, P1D)");
        }
    }

    /// <summary>
    /// Save-time check of a duration property: null when it is absent, a valid duration or a template (rendered
    /// at run time), else the error.
    /// </summary>
    public static string? Invalid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            Parse(text);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <summary>"property: error" for each property whose value <see cref="Invalid"/> refuses.</summary>
    public static IEnumerable<string> Check(params (string Property, string? Value)[] properties) =>
        properties.Select(p => (p.Property, Error: Invalid(p.Value))).Where(p => p.Error is not null).Select(p => $"{p.Property}: {p.Error}");

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Formats a duration as Java's <c>Duration.toString()</c> does: <c>PT5S</c>, <c>PT1H30M</c>, <c>PT0.5S</c>, <c>PT24H</c> for a day.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var d = duration.Duration();
        var text = new System.Text.StringBuilder(duration < TimeSpan.Zero ? "-PT" : "PT");
        var hours = (long)d.TotalHours;
        if (hours > 0)
        {
            text.Append(hours).Append('H');
        }

        if (d.Minutes > 0)
        {
            text.Append(d.Minutes).Append('M');
        }

        var seconds = d.Seconds + (d.Ticks % TimeSpan.TicksPerSecond) / (decimal)TimeSpan.TicksPerSecond;
        if (seconds > 0)
        {
            text.Append(seconds.ToString("0.#######", System.Globalization.CultureInfo.InvariantCulture)).Append('S');
        }

        return text.ToString();
    }

    /// <summary>Kestra's display of a duration in messages: H:MM:SS.mmm.</summary>
    public static string Display(TimeSpan duration) => $"{(int)duration.TotalHours}:{duration:mm\\:ss\\.fff}";
}
