using System.Globalization;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Jq;

internal static partial class JqEvaluator
{
    private static IEnumerable<object?> Call(JqCall call, object? input)
    {
        var args = call.Arguments;
        IEnumerable<object?> Arg(int i) => Eval(args[i], input);
        switch (call.Name, args.Count)
        {
            case ("empty", 0): return [];
            case ("error", _): throw new TemplateException("jq error: " + (args.Count > 0 ? ValueFormatter.ToText(Arg(0).FirstOrDefault()) : ValueFormatter.ToText(input)));
            case ("not", 0): return [!IsTrue(input)];
            case ("length", 0): return [Length(input)];
            case ("keys", 0): return [Keys(input, sorted: true)];
            case ("keys_unsorted", 0): return [Keys(input, sorted: false)];
            case ("values", 0): return IsTrue(input) ? [input] : [];
            case ("has", 1): return Arg(0).Select(k => (object?)(k is string s ? ValueConvert.TryGetMember(input, s, out _) : ValueConvert.ToLong(k) < (ValueConvert.ToList(input)?.Count ?? 0)));
            case ("map", 1): return [Iterate(input).SelectMany(v => Eval(args[0], v)).ToList()];
            case ("map_values", 1): return [MapValues(input, args[0])];
            case ("select", 1): return Arg(0).Where(IsTrue).Select(_ => input);
            case ("recurse", 0): return Recurse(input);
            case ("first", 0): return [ValueConvert.ToList(input) is { Count: > 0 } f ? f[0] : null];
            case ("last", 0): return [ValueConvert.ToList(input) is { Count: > 0 } l ? l[^1] : null];
            case ("first", 1): return Arg(0).Take(1);
            case ("last", 1): return Arg(0).TakeLast(1);
            case ("limit", 2): return Arg(0).Take(1).SelectMany(n => Eval(args[1], input).Take((int)ValueConvert.ToLong(n)));
            case ("range", 1): return Arg(0).SelectMany(n => Enumerable.Range(0, (int)ValueConvert.ToLong(n)).Select(i => (object?)(long)i));
            case ("range", 2): return Arg(0).SelectMany(a => Arg(1).SelectMany(b => Operators.Range(a, ValueConvert.ToLong(b) - 1)));
            case ("add", 0): return [Iterate(input).Aggregate((object?)null, (acc, v) => acc is null ? v : Apply("+", acc, v))];
            case ("any", 0): return [Iterate(input).Any(IsTrue)];
            case ("all", 0): return [Iterate(input).All(IsTrue)];
            case ("flatten", 0): return [Flatten(input)];
            case ("reverse", 0): return [input is string s ? new string(s.Reverse().ToArray()) : Enumerable.Reverse(ValueConvert.ToList(input) ?? []).ToList()];
            case ("sort", 0): return [SortBy(input, v => v)];
            case ("sort_by", 1): return [SortBy(input, v => Eval(args[0], v).ToList())];
            case ("group_by", 1): return [GroupBy(input, args[0])];
            case ("unique", 0): return [Unique(input, v => v)];
            case ("unique_by", 1): return [Unique(input, v => Eval(args[0], v).ToList())];
            case ("min", 0): return [SortBy(input, v => v).FirstOrDefault()];
            case ("max", 0): return [SortBy(input, v => v).LastOrDefault()];
            case ("min_by", 1): return [SortBy(input, v => Eval(args[0], v).ToList()).FirstOrDefault()];
            case ("max_by", 1): return [SortBy(input, v => Eval(args[0], v).ToList()).LastOrDefault()];
            case ("to_entries", 0): return [ToEntries(input)];
            case ("from_entries", 0): return [FromEntries(input)];
            case ("with_entries", 1): return [FromEntries(ToEntries(input).SelectMany(e => Eval(args[0], e)).ToList())];
            case ("type", 0): return [Type(input)];
            case ("tostring", 0): return [input is string ? input : JsonValues.Serialize(input)];
            case ("tonumber", 0): return [input is string ts ? Integral(double.Parse(ts, CultureInfo.InvariantCulture)) : input];
            case ("tojson", 0): return [JsonValues.Serialize(input)];
            case ("fromjson", 0): return [JsonValues.Parse(ValueFormatter.ToText(input), DefaultLimits)];
            case ("ascii_downcase", 0): return [ValueFormatter.ToText(input).ToLowerInvariant()];
            case ("ascii_upcase", 0): return [ValueFormatter.ToText(input).ToUpperInvariant()];
            case ("ltrimstr", 1): return Arg(0).Select(p => input is string s && p is string ps && s.StartsWith(ps, StringComparison.Ordinal) ? s[ps.Length..] : input);
            case ("rtrimstr", 1): return Arg(0).Select(p => input is string s && p is string ps && s.EndsWith(ps, StringComparison.Ordinal) ? s[..^ps.Length] : input);
            case ("startswith", 1): return Arg(0).Select(p => (object?)(input is string s && s.StartsWith(ValueFormatter.ToText(p), StringComparison.Ordinal)));
            case ("endswith", 1): return Arg(0).Select(p => (object?)(input is string s && s.EndsWith(ValueFormatter.ToText(p), StringComparison.Ordinal)));
            case ("split", 1): return Arg(0).Select(p => (object?)ValueFormatter.ToText(input).Split(ValueFormatter.ToText(p)).Cast<object?>().ToList());
            case ("join", 1): return Arg(0).Select(sep => (object?)string.Join(ValueFormatter.ToText(sep), Iterate(input).Select(v => v is null ? "" : ValueFormatter.ToText(v))));
            case ("contains", 1): return Arg(0).Select(x => (object?)Contains(input, x));
            case ("test", 1): return Arg(0).Select(re => (object?)System.Text.RegularExpressions.Regex.IsMatch(ValueFormatter.ToText(input), ValueFormatter.ToText(re), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));
            case ("floor", 0): return [(long)Math.Floor(ValueConvert.ToDouble(input))];
            case ("ceil", 0): return [(long)Math.Ceiling(ValueConvert.ToDouble(input))];
            case ("round", 0): return [(long)Math.Round(ValueConvert.ToDouble(input), MidpointRounding.AwayFromZero)];
            case ("abs", 0): return [input is long al ? Math.Abs(al) : Math.Abs(ValueConvert.ToDouble(input))];
            case ("sqrt", 0): return [Math.Sqrt(ValueConvert.ToDouble(input))];
            case ("tostream", 0): throw new TemplateException("jq: tostream is not supported");
            default: throw new TemplateException($"jq: unknown function {call.Name}/{args.Count}");
        }
    }

    private static object? Length(object? input) => input switch
    {
        null => 0L,
        string s => (long)s.Length,
        long l => Math.Abs(l),
        double d => Math.Abs(d),
        bool => throw new TemplateException("jq: boolean has no length"),
        _ when ValueConvert.IsMap(input) => ValueConvert.AsEntries(input)!.LongCount(),
        _ => (long)(ValueConvert.ToList(input)?.Count ?? 0),
    };

    private static List<object?> Keys(object? input, bool sorted)
    {
        var entries = ValueConvert.AsEntries(input);
        if (entries is null) return Enumerable.Range(0, ValueConvert.ToList(input)?.Count ?? throw new TemplateException($"jq: {Type(input)} has no keys")).Select(i => (object?)(long)i).ToList();
        var keys = entries.Select(kv => kv.Key).ToList();
        if (sorted) keys.Sort(string.CompareOrdinal);
        return keys.Cast<object?>().ToList();
    }

    private static object? MapValues(object? input, JqNode f)
    {
        var entries = ValueConvert.AsEntries(input);
        if (entries is null) return Iterate(input).SelectMany(v => Eval(f, v).Take(1)).ToList();
        var result = new Dictionary<string, object?>();
        foreach (var kv in entries)
        {
            foreach (var v in Eval(f, kv.Value).Take(1)) result[kv.Key] = v;
        }
        return result;
    }

    private static List<object?> Flatten(object? input) =>
        Iterate(input).SelectMany(v => ValueConvert.IsList(v) ? Flatten(v) : [v]).ToList();

    private static List<object?> SortBy(object? input, Func<object?, object?> key)
    {
        var items = Iterate(input).Select(v => (Key: key(v), Value: v)).ToList();
        return items.OrderBy(x => x.Key, Comparer<object?>.Create(Compare)).Select(x => x.Value).ToList();
    }

    private static List<object?> GroupBy(object? input, JqNode f)
    {
        var groups = new List<(object? Key, List<object?> Items)>();
        foreach (var v in SortBy(input, x => Eval(f, x).ToList()))
        {
            var key = Eval(f, v).ToList();
            if (groups.Count > 0 && Compare(groups[^1].Key, key) == 0) groups[^1].Items.Add(v);
            else groups.Add((key, [v]));
        }
        return groups.Select(g => (object?)g.Items).ToList();
    }

    private static List<object?> Unique(object? input, Func<object?, object?> key)
    {
        var result = new List<object?>();
        object? lastKey = null;
        var first = true;
        foreach (var v in SortBy(input, key))
        {
            var k = key(v);
            if (first || Compare(lastKey, k) != 0) result.Add(v);
            lastKey = k;
            first = false;
        }
        return result;
    }

    private static List<object?> ToEntries(object? input) =>
        (ValueConvert.AsEntries(input) ?? throw new TemplateException($"jq: {Type(input)} has no keys"))
        .Select(kv => (object?)new Dictionary<string, object?> { ["key"] = kv.Key, ["value"] = kv.Value }).ToList();

    private static Dictionary<string, object?> FromEntries(object? input)
    {
        var result = new Dictionary<string, object?>();
        foreach (var e in Iterate(input))
        {
            object? k = null, v = null;
            foreach (var name in new[] { "key", "k", "name", "Name", "Key", "K" }) if (k is null && ValueConvert.TryGetMember(e, name, out var kk)) k = kk;
            foreach (var name in new[] { "value", "v", "Value", "V" }) if (v is null && ValueConvert.TryGetMember(e, name, out var vv)) v = vv;
            result[ValueFormatter.ToText(k)] = v;
        }
        return result;
    }

    private static bool Contains(object? a, object? b)
    {
        if (a is string sa && b is string sb) return sa.Contains(sb, StringComparison.Ordinal);
        if (ValueConvert.IsMap(a) && ValueConvert.IsMap(b))
            return ValueConvert.AsEntries(b)!.All(kv => ValueConvert.TryGetMember(a, kv.Key, out var av) && Contains(av, kv.Value));
        if (ValueConvert.IsList(a) && ValueConvert.IsList(b))
            return ValueConvert.ToList(b)!.All(bv => ValueConvert.ToList(a)!.Any(av => Contains(av, bv)));
        return Operators.ValuesEqual(a, b);
    }
}
