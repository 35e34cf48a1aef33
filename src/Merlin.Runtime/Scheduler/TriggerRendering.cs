using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Templating;

namespace Merlin.Runtime.Scheduler;

/// <summary>Renders a trigger's <c>labels</c> and <c>inputs</c> with the variables of the execution it is about to start.</summary>
public static class TriggerRendering
{
    /// <summary>The base variables of a trigger's templates: the flow, its variables and labels, and <c>trigger.*</c>.</summary>
    public static Dictionary<string, object?> Variables(Flow flow, IReadOnlyDictionary<string, object?> trigger)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var labels = new Dictionary<string, object?>();
        foreach (var label in flow.Labels)
        {
            labels.TryAdd(label.Key, label.Value);
        }

        return new Dictionary<string, object?>
        {
            ["flow"] = new Dictionary<string, object?> { ["id"] = flow.Id, ["namespace"] = flow.Namespace, ["revision"] = (long)flow.Revision },
            ["vars"] = flow.Variables,
            ["labels"] = labels,
            ["trigger"] = trigger,
        };
    }

    /// <summary>Labels written as a map (<c>key: value</c>) or a list of <c>{key, value}</c>, values rendered.</summary>
    public static List<Label> Labels(object? labels, TemplateEngine templates, IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var context = new TemplateContext(variables);
        var result = new List<Label>();
        switch (labels)
        {
            case null:
                break;
            case IEnumerable<Label> list:
                result.AddRange(list.Select(l => new Label(l.Key, templates.Render(l.Value, context))));
                break;
            case IDictionary<string, object?> map when !map.ContainsKey("key"):
                result.AddRange(map.Select(kv => new Label(kv.Key, templates.Render(kv.Value?.ToString() ?? "", context))));
                break;
            case IEnumerable<object?> items:
                foreach (var item in items.OfType<IDictionary<string, object?>>())
                {
                    if (item.TryGetValue("key", out var key) && key is not null)
                    {
                        result.Add(new Label(key.ToString()!, templates.Render((item.TryGetValue("value", out var value) ? value?.ToString() : null) ?? "", context)));
                    }
                }

                break;
        }

        return result;
    }

    /// <summary>Every input value rendered (strings become text inputs, other values are kept as they are).</summary>
    public static Dictionary<string, InputValue> Inputs(IReadOnlyDictionary<string, object?>? inputs, TemplateEngine templates, IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var result = new Dictionary<string, InputValue>();
        if (inputs is null)
        {
            return result;
        }

        var context = new TemplateContext(variables);
        foreach (var (id, value) in inputs)
        {
            // As Kestra's render(Map): strings are rendered to strings, other values kept; typing is the flow's business.
            var rendered = templates.RenderValue(value, context);
            result[id] = rendered is string text ? new InputValue.Text(text) : new InputValue.Typed(rendered);
        }

        return result;
    }
}
