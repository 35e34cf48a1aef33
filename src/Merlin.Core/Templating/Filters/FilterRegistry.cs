using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Merlin.Core.Templating.Evaluation;

namespace Merlin.Core.Templating.Filters;

/// <summary>A filter: <c>input | name(args)</c>.</summary>
internal delegate object? TemplateFilter(object? input, Arguments args, Evaluator evaluator);

/// <summary>All filters by name, gathered from the themed filter classes.</summary>
internal static class FilterRegistry
{
    private static readonly FrozenDictionary<string, TemplateFilter> Filters = Build();

    public static IEnumerable<string> Names => Filters.Keys;

    public static bool TryGet(string name, [MaybeNullWhen(false)] out TemplateFilter filter) => Filters.TryGetValue(name, out filter);

    private static FrozenDictionary<string, TemplateFilter> Build()
    {
        var filters = new Dictionary<string, TemplateFilter>();
        StringFilters.Register(filters);
        CollectionFilters.Register(filters);
        JsonFilters.Register(filters);
        DateFilters.Register(filters);
        NumberFilters.Register(filters);
        HashFilters.Register(filters);
        return filters.ToFrozenDictionary();
    }
}
