using System.Globalization;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Dates;

/// <summary>Reads the inputs the date filters accept: dates, epoch seconds, ISO strings (zoned, local date-time, local date).</summary>
internal static class DateParsing
{
    public static TimeZoneInfo Zone(string? timeZone)
    {
        if (string.IsNullOrEmpty(timeZone) || timeZone is "UTC" or "Z" or "Etc/UTC" or "GMT") return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            if (TimeSpan.TryParse(timeZone.TrimStart('+'), CultureInfo.InvariantCulture, out var offset))
                return TimeZoneInfo.CreateCustomTimeZone(timeZone, timeZone.StartsWith('-') ? -offset : offset, timeZone, timeZone);
            throw new TemplateException($"Unknown time zone `{timeZone}`");
        }
    }

    public static DateTimeOffset Parse(object? input, string? existingFormat, TimeZoneInfo zone)
    {
        switch (ValueConvert.Normalize(input))
        {
            case DateTimeOffset d:
                return d;
            case long seconds:
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            case double seconds:
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            case string s:
                return ParseString(s.Trim(), existingFormat, zone);
            case null:
                throw new TemplateException("Cannot format a null date");
            case var other:
                throw new TemplateException($"`{ValueFormatter.ToText(other)}` is not a date");
        }
    }

    private static DateTimeOffset ParseString(string s, string? existingFormat, TimeZoneInfo zone)
    {
        if (existingFormat is not null)
        {
            var netFormat = ToNetPattern(existingFormat);
            if (DateTimeOffset.TryParseExact(s, netFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
                return HasOffset(existingFormat) ? exact : Local(exact.UtcDateTime, zone);
            throw new TemplateException($"`{s}` does not match the date format `{existingFormat}`");
        }
        var bracket = s.IndexOf('[', StringComparison.Ordinal);
        var text = bracket > 0 ? s[..bracket] : s;
        if (HasZoneDesignator(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned))
            return zoned;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return Local(local, zone);
        throw new TemplateException($"Unable to parse the date `{s}`");
    }

    private static bool HasZoneDesignator(string s)
    {
        var t = s.IndexOf('T', StringComparison.Ordinal);
        if (t < 0) return s.EndsWith('Z');
        var time = s[t..];
        return time.EndsWith('Z') || time.Contains('+', StringComparison.Ordinal) || time.Contains('-', StringComparison.Ordinal);
    }

    private static bool HasOffset(string javaPattern) => javaPattern.IndexOfAny(['X', 'x', 'Z', 'O']) >= 0;

    public static DateTimeOffset Local(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    /// <summary>Translates a Java pattern to a .NET one for parsing (the common letters only).</summary>
    private static string ToNetPattern(string java)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\'')
            {
                var end = java.IndexOf('\'', i + 1);
                if (end < 0) end = java.Length;
                sb.Append('\'').Append(java[(i + 1)..end]).Append('\'');
                i = end;
                continue;
            }
            var count = 1;
            while (i + count < java.Length && java[i + count] == c) count++;
            sb.Append(c switch
            {
                'u' or 'y' => count == 2 ? "yy" : "yyyy",
                'S' => new string('f', Math.Min(count, 7)),
                'E' => count <= 3 ? "ddd" : "dddd",
                'a' => "tt",
                'X' or 'x' or 'Z' => "zzz",
                _ when char.IsAsciiLetter(c) => new string(c, count),
                _ => "\\" + new string(c, 1) + (count > 1 ? string.Concat(Enumerable.Repeat("\\" + c, count - 1)) : ""),
            });
            i += count - 1;
        }
        return sb.ToString();
    }
}
