using System.Globalization;
using System.Text;

namespace Merlin.Core.Templating.Dates;

/// <summary>Formats a date with a Java DateTimeFormatter pattern (<c>yyyy-MM-dd'T'HH:mm:ss.SSSXXX</c>) or a named format.</summary>
internal static class JavaDateFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Format(DateTimeOffset value, string format, string zoneId) => format switch
    {
        "iso" => Format(value, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", zoneId),
        "iso_sec" => Format(value, "yyyy-MM-dd'T'HH:mm:ssXXX", zoneId),
        "sql" => Format(value, "yyyy-MM-dd HH:mm:ss.SSSSSS", zoneId),
        "sql_seq" => Format(value, "yyyy-MM-dd HH:mm:ss", zoneId),
        "iso_date_time" or "iso_zoned_date_time" => IsoLocalDateTime(value) + Offset(value, "XXX") + (IsOffsetZone(zoneId) ? "" : "[" + zoneId + "]"),
        "iso_offset_date_time" => IsoLocalDateTime(value) + Offset(value, "XXX"),
        "iso_local_date_time" => IsoLocalDateTime(value),
        "iso_date" => value.ToString("yyyy-MM-dd", Culture) + Offset(value, "XXX"),
        "iso_local_date" => value.ToString("yyyy-MM-dd", Culture),
        "iso_time" or "iso_offset_time" => IsoLocalTime(value) + Offset(value, "XXX"),
        "iso_local_time" => IsoLocalTime(value),
        "iso_instant" => Values.ValueFormatter.FormatInstant(value),
        "iso_ordinal_date" => value.ToString("yyyy", Culture) + "-" + value.DayOfYear.ToString("000", Culture) + Offset(value, "XXX"),
        "iso_week_date" => ISOWeek.GetYear(value.DateTime).ToString("0000", Culture) + "-W" + ISOWeek.GetWeekOfYear(value.DateTime).ToString("00", Culture) + "-" + IsoDayOfWeek(value) + Offset(value, "XXX"),
        "rfc_1123_date_time" => value.ToString("ddd, d MMM yyyy HH:mm:ss ", Culture) + (value.Offset == TimeSpan.Zero ? "GMT" : Offset(value, "xx")),
        "full" => Format(value, "EEEE, MMMM d, yyyy 'at' h:mm:ss a VV", zoneId),
        "long" => Format(value, "MMMM d, yyyy 'at' h:mm:ss a z", zoneId),
        "medium" => Format(value, "MMM d, yyyy, h:mm:ss a", zoneId),
        "short" => Format(value, "M/d/yy, h:mm a", zoneId),
        _ => FormatPattern(value, format, zoneId),
    };

    private static bool IsOffsetZone(string zoneId) => zoneId is "Z" || zoneId.StartsWith('+') || zoneId.StartsWith('-');

    private static int IsoDayOfWeek(DateTimeOffset v) => v.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)v.DayOfWeek;

    private static string IsoLocalDateTime(DateTimeOffset v) => v.ToString("yyyy-MM-dd'T'", Culture) + IsoLocalTime(v);

    /// <summary>ISO_LOCAL_TIME: seconds always, fraction only as long as needed.</summary>
    private static string IsoLocalTime(DateTimeOffset v)
    {
        var fraction = (v.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", Culture).TrimEnd('0');
        return v.ToString("HH:mm:ss", Culture) + (fraction.Length > 0 ? "." + fraction : "");
    }

    private static string FormatPattern(DateTimeOffset value, string pattern, string zoneId)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var end = pattern.IndexOf('\'', i + 1);
                if (end < 0) throw new TemplateException($"Unclosed quote in date pattern `{pattern}`");
                sb.Append(end == i + 1 ? "'" : pattern[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            if (!char.IsAsciiLetter(c))
            {
                sb.Append(c);
                i++;
                continue;
            }
            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c) count++;
            sb.Append(Field(value, c, count, zoneId, pattern));
            i += count;
        }
        return sb.ToString();
    }

    private static string Field(DateTimeOffset v, char letter, int count, string zoneId, string pattern) => letter switch
    {
        'y' or 'u' or 'Y' => count == 2 ? v.ToString("yy", Culture) : v.Year.ToString(new string('0', Math.Max(count, 1)), Culture),
        'M' or 'L' => count switch { 1 => v.Month.ToString(Culture), 2 => v.ToString("MM", Culture), 3 => v.ToString("MMM", Culture), _ => v.ToString("MMMM", Culture) },
        'd' => v.Day.ToString(new string('0', count), Culture),
        'D' => v.DayOfYear.ToString(new string('0', count), Culture),
        'E' => count <= 3 ? v.ToString("ddd", Culture) : v.ToString("dddd", Culture),
        'e' or 'c' => count <= 2 ? IsoDayOfWeek(v).ToString(Culture) : count == 3 ? v.ToString("ddd", Culture) : v.ToString("dddd", Culture),
        'a' => v.Hour < 12 ? "AM" : "PM",
        'H' => v.Hour.ToString(new string('0', count), Culture),
        'k' => (v.Hour == 0 ? 24 : v.Hour).ToString(new string('0', count), Culture),
        'h' => (v.Hour % 12 == 0 ? 12 : v.Hour % 12).ToString(new string('0', count), Culture),
        'K' => (v.Hour % 12).ToString(new string('0', count), Culture),
        'm' => v.Minute.ToString(new string('0', count), Culture),
        's' => v.Second.ToString(new string('0', count), Culture),
        'S' => (v.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", Culture).PadRight(9, '0')[..Math.Min(count, 9)],
        'n' => ((v.Ticks % TimeSpan.TicksPerSecond) * 100).ToString(new string('0', count), Culture),
        'A' => ((long)v.TimeOfDay.TotalMilliseconds).ToString(new string('0', count), Culture),
        'N' => ((long)v.TimeOfDay.Ticks * 100).ToString(new string('0', count), Culture),
        'Q' or 'q' => count <= 2 ? ((v.Month - 1) / 3 + 1).ToString(new string('0', count), Culture) : "Q" + ((v.Month - 1) / 3 + 1),
        'w' => ISOWeek.GetWeekOfYear(v.DateTime).ToString(new string('0', count), Culture),
        'G' => "AD",
        'V' => zoneId,
        'z' => zoneId is "UTC" or "Etc/UTC" or "Z" ? "UTC" : zoneId,
        'O' => v.Offset == TimeSpan.Zero ? "GMT" : "GMT" + Offset(v, count == 4 ? "xxx" : "x"),
        'X' or 'x' or 'Z' => Offset(v, new string(letter, count)),
        _ => throw new TemplateException($"Unknown pattern letter `{letter}` in date format `{pattern}`"),
    };

    /// <summary>Java offset patterns: X (Z for zero) and x (never Z), 1 = +HH, 2 = +HHmm, 3 = +HH:mm; Z = +HHmm.</summary>
    private static string Offset(DateTimeOffset v, string pattern)
    {
        var offset = v.Offset;
        var letter = pattern[0];
        var count = pattern.Length;
        if (letter == 'X' && offset == TimeSpan.Zero) return "Z";
        if (letter == 'Z' && count == 5 && offset == TimeSpan.Zero) return "Z";
        if (letter == 'Z' && count == 4) return offset == TimeSpan.Zero ? "GMT" : "GMT" + Offset(v, "xxx");
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var hours = abs.Hours.ToString("00", Culture);
        var minutes = abs.Minutes.ToString("00", Culture);
        return (letter, count) switch
        {
            ('Z', <= 3) => sign + hours + minutes,
            ('Z', _) => sign + hours + ":" + minutes,
            (_, 1) => sign + hours + (abs.Minutes != 0 ? minutes : ""),
            (_, 2 or 4) => sign + hours + minutes,
            _ => sign + hours + ":" + minutes,
        };
    }
}
