using System.Collections;
using System.Text.Json;

namespace Merlin.Core.Templating.Values;

/// <summary>Views over the accepted value model (maps, lists, numbers, JsonElement).</summary>
internal static class ValueConvert
{
    /// <summary>Brings a value into the canonical model: int to long, float/decimal to double, JsonElement converted.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or long or double => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        uint ui => (long)ui,
        ulong ul => (double)ul <= long.MaxValue ? (long)ul : (double)ul,
        float f => (double)f,
        decimal m => (double)m,
        DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()),
        JsonElement e => FromJsonElement(e),
        Enum en => en.ToString(),
        Uri u => u.ToString(),
        Guid g => g.ToString(),
        TimeSpan ts => ts.TotalSeconds,
        char c => c.ToString(),
        _ => value,
    };

    public static object? FromJsonElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => e.EnumerateObject().Aggregate(new Dictionary<string, object?>(), (d, p) => { d[p.Name] = FromJsonElement(p.Value); return d; }),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJsonElement).ToList(),
        _ => null,
    };

    public static bool IsMap(object? value) => value is IReadOnlyDictionary<string, object?> or IDictionary;

    public static bool IsList(object? value) => value is not string && !IsMap(value) && value is IEnumerable;

    public static bool IsNumber(object? value) => Normalize(value) is long or double;

    /// <summary>Tries to read a map key. Returns false when the value is not a map or the key is absent.</summary>
    public static bool TryGetMember(object? map, string key, out object? result)
    {
        result = null;
        switch (map)
        {
            case IReadOnlyDictionary<string, object?> rd:
                if (!rd.TryGetValue(key, out var v)) return false;
                result = Normalize(v);
                return true;
            case IDictionary d:
                if (!d.Contains(key)) return false;
                result = Normalize(d[key]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Enumerates a map's entries (keys as strings, values normalized), or null when not a map.</summary>
    public static IEnumerable<KeyValuePair<string, object?>>? AsEntries(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> rd => rd.Select(kv => new KeyValuePair<string, object?>(kv.Key, Normalize(kv.Value))),
        IDictionary d => EnumerateDictionary(d),
        _ => null,
    };

    private static IEnumerable<KeyValuePair<string, object?>> EnumerateDictionary(IDictionary d)
    {
        foreach (DictionaryEntry entry in d)
        {
            yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", Normalize(entry.Value));
        }
    }

    /// <summary>Returns a map copy in insertion order, or null when not a map.</summary>
    public static Dictionary<string, object?>? ToMap(object? value)
    {
        var entries = AsEntries(value);
        if (entries is null) return null;
        var result = new Dictionary<string, object?>();
        foreach (var kv in entries) result[kv.Key] = kv.Value;
        return result;
    }

    /// <summary>Returns the list's items normalized, or null when not a list.</summary>
    public static List<object?>? ToList(object? value)
    {
        if (!IsList(value)) return null;
        var list = new List<object?>();
        foreach (var item in (IEnumerable)value!) list.Add(Normalize(item));
        return list;
    }

    public static long ToLong(object? value) => Normalize(value) switch
    {
        long l => l,
        double d => (long)d,
        string s when long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => (long)d,
        bool b => b ? 1 : 0,
        var other => throw new TemplateException($"`{ValueFormatter.ToText(other)}` is not a number"),
    };

    public static double ToDouble(object? value) => Normalize(value) switch
    {
        long l => l,
        double d => d,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        var other => throw new TemplateException($"`{ValueFormatter.ToText(other)}` is not a number"),
    };
}
