using System.Globalization;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Filters;

/// <summary>abs, number (parse), numberFormat (Java DecimalFormat patterns).</summary>
internal static class NumberFilters
{
    public static void Register(Dictionary<string, TemplateFilter> filters)
    {
        filters["abs"] = (input, _, _) => ValueConvert.Normalize(input) switch
        {
            long l => Math.Abs(l),
            double d => Math.Abs(d),
            var other => Math.Abs(ValueConvert.ToDouble(other)),
        };
        filters["number"] = (input, args, _) => Parse(input, args.GetString(0, "type"));
        filters["numberFormat"] = (input, args, _) => Format(input, args.RequireString(0, "format", "numberFormat"));
    }

    private static object? Parse(object? input, string? type)
    {
        if (input is null) return null;
        var normalized = ValueConvert.Normalize(input);
        var text = ValueFormatter.ToText(normalized).Trim();
        switch (type?.ToUpperInvariant())
        {
            case "INT":
            case "LONG":
            case "BIGINTEGER":
                return ValueConvert.ToLong(text);
            case "FLOAT":
            case "DOUBLE":
            case "BIGDECIMAL":
                return ValueConvert.ToDouble(text);
            case null:
                if (normalized is long or double) return normalized;
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
                if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)) return hex;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                throw new TemplateException($"`{text}` is not a number");
            default:
                throw new TemplateException($"Unknown number type `{type}`");
        }
    }

    /// <summary>Java DecimalFormat and .NET custom numeric formats share <c>#</c>, <c>0</c>, <c>,</c>, <c>.</c>, <c>%</c> and <c>E0</c>.</summary>
    private static string? Format(object? input, string pattern)
    {
        if (input is null) return null;
        var value = ValueConvert.ToDouble(input);
        // DecimalFormat rounds HALF_EVEN, .NET rounds away from zero; the difference only shows on exact halves.
        return value.ToString(pattern, CultureInfo.InvariantCulture);
    }
}
