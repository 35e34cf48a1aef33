using Merlin.Core.Templating.Filters;
using Merlin.Core.Templating.Functions;

namespace Merlin.Core.Templating;

/// <summary>What Merlin's Pebble dialect offers, for the user guide (docs/reference/templating.md is generated from it).</summary>
public static class TemplateCatalog
{
    /// <summary>Function names (<c>{{ now() }}</c>), from the function registry.</summary>
    public static IReadOnlyList<string> Functions => FunctionRegistry.Names.Order(StringComparer.Ordinal).ToList();

    /// <summary>Filter names (<c>{{ x | upper }}</c>), from the filter registry.</summary>
    public static IReadOnlyList<string> Filters => FilterRegistry.Names.Order(StringComparer.Ordinal).ToList();

    /// <summary>Tags (<c>{% if %}</c>), as the parser (Syntax/TreeBuilder.cs, TemplateGrammar.cs) reads them.</summary>
    public static IReadOnlyList<string> Tags { get; } =
        ["if / elseif / else / endif", "for / else / endfor", "set", "filter / endfilter", "block / endblock", "raw / endraw", "verbatim / endverbatim", "{# comment #}"];

    /// <summary>The <c>is</c> tests, as Evaluation/Tests.cs applies them.</summary>
    public static IReadOnlyList<string> Tests { get; } = ["defined", "divisibleby(n)", "empty", "even", "iterable", "json", "map", "null", "odd"];
}
