using System.Runtime.CompilerServices;
using System.Text;
using Merlin.Core.Templating.Filters;
using Merlin.Core.Templating.Functions;
using Merlin.Core.Templating.Syntax;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Evaluation;

/// <summary>Renders one parsed template against one context. Not shared between threads.</summary>
internal sealed partial class Evaluator
{
    private readonly string _source;
    private int _line = 1;

    public Evaluator(TemplateEngine engine, TemplateContext context, string source, Scope scope, RenderBudget budget)
    {
        Engine = engine;
        Context = context;
        _source = source;
        Scope = scope;
        Budget = budget;
    }

    public TemplateEngine Engine { get; }

    public TemplateContext Context { get; }

    public Scope Scope { get; }

    /// <summary>Steps, time, nesting and cancellation shared by every render of the same unit of work.</summary>
    public RenderBudget Budget { get; }

    public void Render(IReadOnlyList<Node> nodes, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            if (node is TextNode text)
            {
                output.Append(text.Text);
                Budget.CheckLength(output.Length);
                continue;
            }
            _line = node.Line;
            try
            {
                Budget.Spend();
                Execute(node, output);
                Budget.CheckLength(output.Length);
            }
            catch (Exception ex) when (ex is not TemplateRenderException and not OperationCanceledException)
            {
                throw Wrap(ex);
            }
        }
    }

    /// <summary>Evaluates a lone expression (renderTyped) and returns the raw value.</summary>
    public object? EvaluateTyped(Expr expression, int line)
    {
        _line = line;
        try
        {
            return Need(Evaluate(expression));
        }
        catch (Exception ex) when (ex is not TemplateRenderException and not OperationCanceledException)
        {
            throw Wrap(ex);
        }
    }

    private TemplateRenderException Wrap(Exception ex) =>
        new($"{(ex is InsufficientExecutionStackException ? "the template or its values nest too deeply" : ex.Message)} used in the expression `{_source}` at line {_line}", ex);

    private void Execute(Node node, StringBuilder output)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case OutputNode o:
                output.Append(ValueFormatter.ToText(Need(Evaluate(o.Expression))));
                break;
            case IfNode i:
                foreach (var (condition, body) in i.Branches)
                {
                    if (Operators.IsTrue(Need(Evaluate(condition))))
                    {
                        Render(body, output);
                        return;
                    }
                }
                if (i.Else is not null) Render(i.Else, output);
                break;
            case ForNode f:
                ExecuteFor(f, output);
                break;
            case SetNode s:
                var assigned = Need(Evaluate(s.Value));
                if (assigned is string text) Budget.CheckLength(text.Length);
                Scope.Set(s.Name, assigned);
                break;
            case FilterBlockNode fb:
                var inner = new StringBuilder();
                Render(fb.Body, inner);
                object? value = inner.ToString();
                foreach (var (name, args) in fb.Filters) value = ApplyFilter(name, value, EvaluateArguments(args));
                output.Append(ValueFormatter.ToText(value));
                break;
            case BlockNode b:
                Render(b.Body, output);
                break;
        }
    }

    private void ExecuteFor(ForNode node, StringBuilder output)
    {
        var iterable = Need(Evaluate(node.Iterable));
        var items = new List<(object? First, object? Second)>();
        var entries = ValueConvert.AsEntries(iterable);
        if (entries is not null)
        {
            foreach (var kv in entries)
            {
                items.Add(node.ValueVariable is null
                    ? (new Dictionary<string, object?> { ["key"] = kv.Key, ["value"] = kv.Value }, null)
                    : (kv.Key, kv.Value));
            }
        }
        else if (ValueConvert.ToList(iterable) is { } list)
        {
            for (var i = 0; i < list.Count; i++) items.Add(node.ValueVariable is null ? (list[i], null) : ((long)i, list[i]));
        }
        else if (iterable is not null)
        {
            items.Add((iterable, null));
        }

        if (items.Count == 0)
        {
            if (node.Else is not null) Render(node.Else, output);
            return;
        }
        Scope.Push();
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                Scope.Set(node.Variable, items[i].First);
                if (node.ValueVariable is not null) Scope.Set(node.ValueVariable, items[i].Second);
                Budget.Spend();
                Scope.Set("loop", new Dictionary<string, object?>
                {
                    ["index"] = (long)i,
                    ["revindex"] = (long)(items.Count - i - 1),
                    ["first"] = i == 0,
                    ["last"] = i == items.Count - 1,
                    ["length"] = (long)items.Count,
                });
                Render(node.Body, output);
            }
        }
        finally
        {
            Scope.Pop();
        }
    }

    /// <summary>Fails on an undefined value with Pebble/Kestra's strict-variables message.</summary>
    public object? Need(object? value) =>
        value is Undefined u ? throw new TemplateException($"Unable to find `{u.Name}`") : value;

    public Arguments EvaluateArguments(IReadOnlyList<Argument> arguments)
    {
        if (arguments.Count == 0) return Arguments.Empty;
        var positional = new List<object?>();
        var named = new Dictionary<string, object?>();
        foreach (var a in arguments)
        {
            var v = Need(Evaluate(a.Value));
            if (a.Name is null) positional.Add(v);
            else named[a.Name] = v;
        }
        return new Arguments(positional, named);
    }

    public object? ApplyFilter(string name, object? input, Arguments args)
    {
        if (!FilterRegistry.TryGet(name, out var filter)) throw new TemplateException($"Unknown filter `{name}`");
        return filter(input, args, this);
    }
}

/// <summary>A render failure that already carries the template and line.</summary>
internal sealed class TemplateRenderException(string message, Exception inner) : TemplateException(message, inner);
