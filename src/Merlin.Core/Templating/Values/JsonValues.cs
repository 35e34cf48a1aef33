using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Merlin.Core.Limits;

namespace Merlin.Core.Templating.Values;

/// <summary>JSON in and out of the value model, shaped like Jackson's output (compact, doubles as "1.0").</summary>
internal static class JsonValues
{
    public static string Serialize(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    public static object? Parse(string json, LimitOptions limits)
    {
        ParsedText.CheckLength(json, limits, "JSON");
        try
        {
            using var doc = JsonDocument.Parse(json, JsonDepth.Options(limits, lenient: true));
            return ValueConvert.FromJsonElement(doc.RootElement);
        }
        catch (JsonException e) when (JsonDepth.IsExceeded(e))
        {
            throw new TemplateException("JSON: " + JsonDepth.Exceeded(limits, "the JSON").Message, e);
        }
    }

    public static bool TryParse(string json, LimitOptions limits, out object? value)
    {
        try
        {
            value = Parse(json, limits);
            return true;
        }
        catch (Exception e) when (e is JsonException or TemplateException)
        {
            value = null;
            return false;
        }
    }

    private static void Write(StringBuilder sb, object? raw)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var value = ValueConvert.Normalize(raw);
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: WriteString(sb, s); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); return;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d)) WriteString(sb, ValueFormatter.FormatDouble(d));
                else sb.Append(ValueFormatter.FormatDouble(d));
                return;
            case DateTimeOffset dto: WriteString(sb, ValueFormatter.FormatInstant(dto)); return;
        }
        var entries = ValueConvert.AsEntries(value);
        if (entries is not null)
        {
            sb.Append('{');
            var first = true;
            foreach (var kv in entries)
            {
                if (!first) sb.Append(',');
                first = false;
                WriteString(sb, kv.Key);
                sb.Append(':');
                Write(sb, kv.Value);
            }
            sb.Append('}');
            return;
        }
        var list = ValueConvert.ToList(value);
        if (list is not null)
        {
            sb.Append('[');
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0) sb.Append(',');
                Write(sb, list[i]);
            }
            sb.Append(']');
            return;
        }
        WriteString(sb, ValueFormatter.ToText(value));
    }

    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
