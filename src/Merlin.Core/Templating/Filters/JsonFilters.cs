using Merlin.Core.Templating.Jq;
using Merlin.Core.Templating.Values;
using YamlDotNet.Serialization;

namespace Merlin.Core.Templating.Filters;

/// <summary>toJson/json, jq and yaml serialisation.</summary>
internal static class JsonFilters
{
    private static readonly ISerializer Yaml = new SerializerBuilder().DisableAliases().Build();

    public static void Register(Dictionary<string, TemplateFilter> filters)
    {
        filters["toJson"] = (input, _, _) => JsonValues.Serialize(input);
        filters["json"] = filters["toJson"];
        filters["jq"] = (input, args, ev) => JqEvaluator.Run(args.RequireString(0, "expression", "jq"), input is string s ? JsonValues.Parse(s, ev.Budget.Limits) : input, ev.Budget.Limits);
        filters["yaml"] = (input, _, _) => Yaml.Serialize(ToPlain(input));
    }

    /// <summary>Plain CLR shapes for YamlDotNet (dates as ISO strings, maps and lists copied).</summary>
    private static object? ToPlain(object? value)
    {
        var v = ValueConvert.Normalize(value);
        if (v is DateTimeOffset d) return ValueFormatter.FormatInstant(d);
        if (v is double dbl) return ValueFormatter.FormatDouble(dbl);
        var entries = ValueConvert.AsEntries(v);
        if (entries is not null) return entries.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value));
        var list = ValueConvert.ToList(v);
        return list is not null ? list.Select(ToPlain).ToList() : v;
    }
}
