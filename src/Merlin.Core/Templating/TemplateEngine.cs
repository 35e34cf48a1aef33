using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Merlin.Core.Limits;
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
    private readonly ConcurrentDictionary<string, ParsedTemplate> _cache;
    private readonly long _maxSteps;
    private readonly string _stepsSetting;

    public TemplateEngine()
        : this(new LimitOptions())
    {
    }

    public TemplateEngine(LimitOptions limits)
        : this(limits, limits?.TemplateMaxSteps ?? 0, nameof(LimitOptions.TemplateMaxSteps), new ConcurrentDictionary<string, ParsedTemplate>(StringComparer.Ordinal))
    {
    }

    private TemplateEngine(LimitOptions limits, long maxSteps, string stepsSetting, ConcurrentDictionary<string, ParsedTemplate> cache)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        _maxSteps = maxSteps;
        _stepsSetting = stepsSetting;
        _cache = cache;
    }

    public LimitOptions Limits { get; }

    /// <summary>
    /// The same engine (and parse cache) for renders the executor does itself, under the smaller
    /// <see cref="LimitOptions.EngineTemplateMaxSteps"/>: they run on an executor loop and must stay short.
    /// </summary>
    public TemplateEngine ForExecutor() =>
        new(Limits, Limits.EngineTemplateMaxSteps, nameof(LimitOptions.EngineTemplateMaxSteps), _cache);

    /// <summary>A budget for all the renders of one unit of work (a task run).</summary>
    public RenderBudget NewBudget(CancellationToken cancellationToken = default) => new(Limits, _maxSteps, _stepsSetting, cancellationToken);

    /// <summary>Renders to a string with Kestra's stringification (maps/lists as compact JSON, null as empty).</summary>
    public string Render(string template, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(context);
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        return Render(template, context, new Scope(context.Variables), BudgetOf(context));
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
            var evaluator = new Evaluator(this, context, template, new Scope(context.Variables), BudgetOf(context));
            return evaluator.EvaluateTyped(single.Expression, single.Line);
        }
        return Render(template, context, new Scope(context.Variables), BudgetOf(context));
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
        RuntimeHelpers.EnsureSufficientExecutionStack();
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

    internal string Render(string template, TemplateContext context, Scope scope, RenderBudget budget)
    {
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        var parsed = Parse(template);
        var output = new StringBuilder(template.Length);
        new Evaluator(this, context, template, scope, budget).Render(parsed.Nodes, output);
        return output.ToString();
    }

    private RenderBudget BudgetOf(TemplateContext context) => context.Budget ?? NewBudget();

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
