using System.Xml;

namespace Merlin.Core.Flows;

/// <summary>ISO-8601 durations as flows write them (<c>PT5S</c>, <c>PT1M30S</c>, <c>P1D</c>, <c>PT0.5S</c>).</summary>
public static class IsoDuration
{
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
            throw new FormatException($"'{text}' is not an ISO-8601 duration (e.g. PT5S, PT1M30S, P1D)");
        }
    }

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        try
        {
            duration = Parse(text);
            return !string.IsNullOrWhiteSpace(text);
        }
        catch (FormatException)
        {
            duration = TimeSpan.Zero;
            return false;
        }
    }

    /// <summary>Kestra's display of a duration in messages: H:MM:SS.mmm.</summary>
    public static string Display(TimeSpan duration) => $"{(int)duration.TotalHours}:{duration:mm\\:ss\\.fff}";
}
