using System.Collections.Concurrent;
using System.Text;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Syntax;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating;

/// <summary>
/// Pebble-compatible template engine as configured by Kestra (strict variables, no auto-escaping, no recursive rendering).
/// Thread-safe: share one instance. Each distinct template string is parsed once and cached.
/// </summary>
public sealed class TemplateEngine
{
    private const int CacheLimit = 10_000;
    private readonly ConcurrentDictionary<string, ParsedTemplate> _cache = new(StringComparer.Ordinal);

    /// <summary>Renders to a string with Kestra's stringification (maps/lists as compact JSON, null as empty).</summary>
    public string Render(string template, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(context);
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        return Render(template, context, new Scope(context.Variables));
    }

    /// <summary>Kestra's renderTyped: a template that is a single <c>{{ expr }}</c> returns the raw value; otherwise like <see cref="Render"/>.</summary>
    public object? RenderTyped(string template, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(context);
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        var parsed = Parse(template);
        if (parsed.SingleExpression is { } single)
        {
            var evaluator = new Evaluator(this, context, template, new Scope(context.Variables));
            return evaluator.EvaluateTyped(single.Expression, single.Line);
        }
        return Render(template, context, new Scope(context.Variables));
    }

    /// <summary>Renders a value tree leaf by leaf: strings rendered, map keys rendered, lists element-wise, other values untouched.</summary>
    public object? RenderValue(object? value, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RenderTree(value, s => Render(s, context));
    }

    internal static object? RenderTree(object? value, Func<string, object?> renderString)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return renderString(s);
        }
        var entries = ValueConvert.AsEntries(value);
        if (entries is not null)
        {
            var map = new Dictionary<string, object?>();
            foreach (var kv in entries) map[ValueFormatter.ToText(renderString(kv.Key))] = RenderTree(kv.Value, renderString);
            return map;
        }
        var list = ValueConvert.ToList(value);
        return list is not null ? list.Select(item => RenderTree(item, renderString)).ToList() : value;
    }

    internal string Render(string template, TemplateContext context, Scope scope)
    {
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        var parsed = Parse(template);
        var output = new StringBuilder(template.Length);
        new Evaluator(this, context, template, scope).Render(parsed.Nodes, output);
        return output.ToString();
    }

    internal ParsedTemplate Parse(string template)
    {
        if (_cache.TryGetValue(template, out var cached)) return cached;
        var parsed = TemplateParser.Parse(template);
        // A crude bound: templates are mostly a fixed set per flow, so dropping everything on overflow is rare and cheap.
        if (_cache.Count >= CacheLimit) _cache.Clear();
        _cache.TryAdd(template, parsed);
        return parsed;
    }
}
