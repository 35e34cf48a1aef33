using System.Globalization;
using System.Text;

namespace Merlin.Core.Templating.Values;

/// <summary>Kestra's stringification of rendered values (Java toString semantics, maps and lists as JSON).</summary>
internal static class ValueFormatter
{
    public static string ToText(object? value) => ValueConvert.Normalize(value) switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        DateTimeOffset dto => FormatInstant(dto),
        var other when ValueConvert.IsMap(other) || ValueConvert.IsList(other) => JsonValues.Serialize(other),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Java's Double.toString: shortest digits, "1.0", "1.0E10", "1.0E-5".</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        var abs = Math.Abs(d);
        var (digits, exponent) = ShortestDigits(abs);
        var sign = d < 0 ? "-" : "";
        if (abs >= 1e-3 && abs < 1e7)
        {
            // exponent is the power of ten of the first digit.
            string intPart, fracPart;
            if (exponent >= 0)
            {
                intPart = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
                fracPart = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "";
            }
            else
            {
                intPart = "0";
                fracPart = new string('0', -exponent - 1) + digits;
            }
            return sign + intPart + "." + (fracPart.Length == 0 ? "0" : fracPart);
        }
        var mantissa = digits.Length == 1 ? digits + ".0" : digits[0] + "." + digits[1..];
        return sign + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static (string Digits, int Exponent) ShortestDigits(double abs)
    {
        // Prefer the shortest round-trip representation.
        var shortest = abs.ToString("R", CultureInfo.InvariantCulture);
        string mantissa;
        int exp;
        var eIdx = shortest.IndexOf('E');
        if (eIdx >= 0)
        {
            mantissa = shortest[..eIdx];
            exp = int.Parse(shortest[(eIdx + 1)..], CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = shortest;
            exp = 0;
        }
        var dot = mantissa.IndexOf('.');
        var intDigits = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracDigits = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intDigits + fracDigits;
        var firstNonZero = 0;
        while (firstNonZero < all.Length - 1 && all[firstNonZero] == '0') firstNonZero++;
        var exponent = intDigits.Length - 1 - firstNonZero + exp;
        var digits = all[firstNonZero..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, exponent);
    }

    /// <summary>Java Instant.toString: UTC, fraction printed in groups of 3 digits, omitted when zero.</summary>
    public static string FormatInstant(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var sb = new StringBuilder(utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var fractionTicks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (fractionTicks != 0)
        {
            var nanos = fractionTicks * 100;
            if (nanos % 1_000_000 == 0) sb.Append('.').Append((nanos / 1_000_000).ToString("000", CultureInfo.InvariantCulture));
            else if (nanos % 1_000 == 0) sb.Append('.').Append((nanos / 1_000).ToString("000000", CultureInfo.InvariantCulture));
            else sb.Append('.').Append(nanos.ToString("000000000", CultureInfo.InvariantCulture));
        }
        return sb.Append('Z').ToString();
    }
}
