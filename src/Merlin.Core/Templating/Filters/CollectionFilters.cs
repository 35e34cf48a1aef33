using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Filters;

/// <summary>List and map filters: first, last, length, join, keys, values, sort, slice, merge, chunk, flatten...</summary>
internal static class CollectionFilters
{
    public static void Register(Dictionary<string, TemplateFilter> filters)
    {
        filters["first"] = (input, _, _) => input is string s ? (s.Length > 0 ? s[..1] : null) : Items(input, "first") is { Count: > 0 } l ? l[0] : null;
        filters["last"] = (input, _, _) => input is string s ? (s.Length > 0 ? s[^1..] : null) : Items(input, "last") is { Count: > 0 } l ? l[^1] : null;
        filters["length"] = (input, _, _) => Length(input);
        filters["join"] = (input, args, _) => input is null ? null : string.Join(args.GetString(0, "separator") ?? "", Items(input, "join").Select(ValueFormatter.ToText));
        filters["keys"] = (input, _, _) => Keys(input);
        filters["values"] = (input, _, _) => ValueConvert.AsEntries(input)?.Select(kv => kv.Value).ToList() ?? throw new TemplateException("`values` needs a map");
        filters["reverse"] = (input, _, _) => input is string s ? new string(s.Reverse().ToArray()) : Enumerable.Reverse(Items(input, "reverse")).ToList();
        filters["sort"] = (input, _, _) => Sorted(input, descending: false);
        filters["rsort"] = (input, _, _) => Sorted(input, descending: true);
        filters["slice"] = (input, args, _) => Slice(input, args);
        filters["merge"] = (input, args, _) => Merge(input, args.Get(0, "items"));
        filters["flatten"] = (input, _, _) => Items(input, "flatten").SelectMany(i => ValueConvert.ToList(i) ?? [i]).ToList();
        filters["chunk"] = (input, args, _) => Chunk(input, args.GetLong(0, "size") ?? throw new TemplateException("`chunk` requires a size"));
        filters["distinct"] = (input, _, _) => Distinct(Items(input, "distinct"));
    }

    /// <summary>List items, or map values for maps.</summary>
    private static List<object?> Items(object? input, string filter) =>
        ValueConvert.ToList(input)
        ?? ValueConvert.AsEntries(input)?.Select(kv => kv.Value).ToList()
        ?? throw new TemplateException($"`{filter}` needs a list, not `{ValueFormatter.ToText(input)}`");

    private static long Length(object? input) => input switch
    {
        null => 0,
        string s => s.Length,
        _ when ValueConvert.IsMap(input) => ValueConvert.AsEntries(input)!.LongCount(),
        _ when ValueConvert.IsList(input) => ValueConvert.ToList(input)!.Count,
        _ => ValueFormatter.ToText(input).Length,
    };

    private static List<object?> Keys(object? input)
    {
        var entries = ValueConvert.AsEntries(input);
        if (entries is not null) return entries.Select(kv => (object?)kv.Key).ToList();
        var list = ValueConvert.ToList(input) ?? throw new TemplateException("`keys` needs a map or a list");
        return Enumerable.Range(0, list.Count).Select(i => (object?)(long)i).ToList();
    }

    private static List<object?> Sorted(object? input, bool descending)
    {
        var list = Items(input, descending ? "rsort" : "sort");
        list.Sort(Operators.Compare);
        if (descending) list.Reverse();
        return list;
    }

    private static object? Slice(object? input, Arguments args)
    {
        var length = input is string s ? s.Length : Items(input, "slice").Count;
        var from = (int)(args.GetLong(0, "fromIndex") ?? 0);
        var to = (int)Math.Min(args.GetLong(1, "toIndex") ?? length, length);
        if (from < 0 || from > to) throw new TemplateException($"`slice` indexes out of range: {from}..{to}");
        return input is string str ? str[from..to] : Items(input, "slice").GetRange(from, to - from);
    }

    private static object? Merge(object? input, object? other)
    {
        if (ValueConvert.IsMap(input))
        {
            var map = ValueConvert.ToMap(input)!;
            foreach (var kv in ValueConvert.AsEntries(other) ?? throw new TemplateException("`merge` of a map needs a map")) map[kv.Key] = kv.Value;
            return map;
        }
        var list = Items(input, "merge");
        if (ValueConvert.IsList(other)) list.AddRange(ValueConvert.ToList(other)!);
        else if (ValueConvert.IsMap(other)) list.AddRange(ValueConvert.AsEntries(other)!.Select(kv => kv.Value));
        else list.Add(other);
        return list;
    }

    private static List<object?> Chunk(object? input, long size)
    {
        if (size <= 0) throw new TemplateException("`chunk` size must be positive");
        return Items(input, "chunk").Chunk((int)size).Select(c => (object?)c.ToList()).ToList();
    }

    private static List<object?> Distinct(List<object?> items)
    {
        var result = new List<object?>();
        foreach (var item in items)
        {
            if (!result.Any(r => Operators.ValuesEqual(r, item))) result.Add(item);
        }
        return result;
    }
}
