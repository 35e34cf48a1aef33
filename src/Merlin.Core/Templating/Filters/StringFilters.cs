using System.Globalization;
using System.Net;
using System.Text;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Filters;

/// <summary>Text filters: case, trimming, substrings (Commons-Lang semantics), escaping, encodings.</summary>
internal static class StringFilters
{
    public static void Register(Dictionary<string, TemplateFilter> filters)
    {
        filters["upper"] = (input, _, _) => Text(input)?.ToUpperInvariant();
        filters["lower"] = (input, _, _) => Text(input)?.ToLowerInvariant();
        filters["capitalize"] = (input, _, _) => Text(input) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..] : Text(input);
        filters["title"] = (input, _, _) => Text(input) is { } s ? Title(s) : null;
        filters["trim"] = (input, _, _) => Text(input)?.Trim();
        filters["abbreviate"] = (input, args, _) => Abbreviate(Text(input), (int)(args.GetLong(0, "length") ?? throw new TemplateException("`abbreviate` requires a length")));
        filters["split"] = (input, args, _) => Split(Text(input), args.RequireString(0, "delimiter", "split"), (int)(args.GetLong(1, "limit") ?? 0));
        filters["slugify"] = (input, _, _) => Text(input) is { } s ? Slugify(s) : null;
        filters["substringBefore"] = (input, args, _) => SubstringBefore(Text(input), args.GetString(0, "separator"), last: false);
        filters["substringBeforeLast"] = (input, args, _) => SubstringBefore(Text(input), args.GetString(0, "separator"), last: true);
        filters["substringAfter"] = (input, args, _) => SubstringAfter(Text(input), args.GetString(0, "separator"), last: false);
        filters["substringAfterLast"] = (input, args, _) => SubstringAfter(Text(input), args.GetString(0, "separator"), last: true);
        filters["startsWith"] = (input, args, _) => Text(input) is { } s && s.StartsWith(args.GetString(0, "value") ?? "", StringComparison.Ordinal);
        filters["endsWith"] = (input, args, _) => Text(input) is { } s && s.EndsWith(args.GetString(0, "value") ?? "", StringComparison.Ordinal);
        filters["escapeChar"] = (input, args, _) => EscapeChar(input, args.GetString(0, "type") ?? "single");
        filters["indent"] = (input, args, _) => Indent(Text(input), args, newLineFirst: false);
        filters["nindent"] = (input, args, _) => Indent(Text(input), args, newLineFirst: true);
        filters["urlencode"] = (input, _, _) => Text(input) is { } s ? WebUtility.UrlEncode(s) : null;
        filters["urldecode"] = (input, _, _) => Text(input) is { } s ? WebUtility.UrlDecode(s) : null;
        filters["base64encode"] = (input, _, _) => Text(input) is { } s ? Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) : null;
        filters["base64decode"] = (input, _, _) => Text(input) is { } s ? Encoding.UTF8.GetString(Convert.FromBase64String(s)) : null;
        filters["replace"] = (input, args, _) => Replace(input, args);
        filters["className"] = (input, _, _) => ClassName(input);
    }

    public static string? Text(object? input) => input is null ? null : ValueFormatter.ToText(input);

    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var capitalizeNext = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                capitalizeNext = true;
                sb.Append(c);
            }
            else
            {
                sb.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
                capitalizeNext = false;
            }
        }
        return sb.ToString();
    }

    private static string? Abbreviate(string? s, int length)
    {
        if (s is null || s.Length <= length) return s;
        return length < 3 ? "..."[..Math.Max(0, length)] : s[..(length - 3)] + "...";
    }

    private static List<object?>? Split(string? s, string delimiter, int limit)
    {
        if (s is null) return null;
        var parts = limit > 0 ? s.Split(delimiter, limit) : s.Split(delimiter);
        var count = parts.Length;
        // Java's String.split drops trailing empty strings when no limit is given.
        if (limit == 0) while (count > 0 && parts[count - 1].Length == 0) count--;
        return parts.Take(count).Cast<object?>().ToList();
    }

    public static string Slugify(string s)
    {
        var normalized = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterOrDigit(lower)) sb.Append(lower);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    private static string? SubstringBefore(string? s, string? separator, bool last)
    {
        if (string.IsNullOrEmpty(s) || separator is null) return s;
        if (separator.Length == 0) return last ? s : "";
        var index = last ? s.LastIndexOf(separator, StringComparison.Ordinal) : s.IndexOf(separator, StringComparison.Ordinal);
        return index < 0 ? s : s[..index];
    }

    private static string? SubstringAfter(string? s, string? separator, bool last)
    {
        if (string.IsNullOrEmpty(s)) return s;
        if (separator is null) return "";
        if (separator.Length == 0) return last ? "" : s;
        var index = last ? s.LastIndexOf(separator, StringComparison.Ordinal) : s.IndexOf(separator, StringComparison.Ordinal);
        return index < 0 ? "" : s[(index + separator.Length)..];
    }

    private static object? EscapeChar(object? input, string type) => TemplateEngine.RenderTree(input, s => type switch
    {
        "single" => s.Replace("'", "\\'", StringComparison.Ordinal),
        "double" => s.Replace("\"", "\\\"", StringComparison.Ordinal),
        "shell" => s.Replace("'", "'\\''", StringComparison.Ordinal),
        _ => throw new TemplateException($"`escapeChar` type must be single, double or shell, not `{type}`"),
    });

    private static string? Indent(string? s, Arguments args, bool newLineFirst)
    {
        if (s is null) return null;
        var amount = (int)(args.GetLong(0, "amount") ?? throw new TemplateException("`indent` requires an amount"));
        var prefix = string.Concat(Enumerable.Repeat(args.GetString(1, "prefix") ?? " ", amount));
        var lineSeparator = s.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var indented = s.Replace(lineSeparator, lineSeparator + prefix, StringComparison.Ordinal);
        return newLineFirst ? lineSeparator + prefix + indented : indented;
    }

    private static object? Replace(object? input, Arguments args)
    {
        var pairs = ValueConvert.AsEntries(args.Get(0, "replace_pairs"))?.ToList()
            ?? throw new TemplateException("`replace` requires a map of replacements");
        var regexp = args.GetBool(1, "regexp", false);
        return TemplateEngine.RenderTree(input, s =>
        {
            foreach (var (from, to) in pairs)
            {
                var replacement = ValueFormatter.ToText(to);
                s = regexp
                    ? System.Text.RegularExpressions.Regex.Replace(s, from, JavaReplacement(replacement), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))
                    : s.Replace(from, replacement, StringComparison.Ordinal);
            }
            return s;
        });
    }

    // Java's Matcher.replaceAll uses $1 like .NET; only escape sequences differ, which rarely matter.
    private static string JavaReplacement(string replacement) => replacement;

    private static string ClassName(object? input) => ValueConvert.Normalize(input) switch
    {
        null => "null",
        string => "java.lang.String",
        long => "java.lang.Long",
        double => "java.lang.Double",
        bool => "java.lang.Boolean",
        DateTimeOffset => "java.time.Instant",
        var v when ValueConvert.IsMap(v) => "java.util.LinkedHashMap",
        var v when ValueConvert.IsList(v) => "java.util.ArrayList",
        var v => v.GetType().FullName ?? v.GetType().Name,
    };
}
