using Merlin.Core.Templating;

namespace Merlin.Core.Inputs;

/// <summary>
/// Kestra's input resolution: each declared input takes the provided value or its raw default, is parsed and
/// checked by type, dependencies may disable it, dotted ids become nested maps, undeclared inputs are dropped.
/// Any problem refuses the whole execution.
/// </summary>
public sealed class InputResolver(TemplateEngine templates)
{
    public Dictionary<string, object?> Resolve(IReadOnlyList<InputDefinition> inputs, IReadOnlyDictionary<string, InputValue> provided)
    {
        var byId = inputs.ToDictionary(i => i.Id);
        var resolved = new Dictionary<string, object?>();
        var disabled = new HashSet<string>();
        var visiting = new HashSet<string>();
        var errors = new List<InputException>();
        foreach (var input in inputs)
        {
            try
            {
                ResolveOne(input, byId, provided, resolved, disabled, visiting);
            }
            catch (InputException e)
            {
                // Go on with the other inputs so the caller can show every error at once (a form, beside each field).
                errors.Add(e);
                disabled.Add(input.Id);
            }
        }

        return errors switch
        {
            [] => Nest(resolved),
            [var single] => throw single,
            _ => throw new InputErrorsException(errors),
        };
    }

    private void ResolveOne(InputDefinition input, Dictionary<string, InputDefinition> byId, IReadOnlyDictionary<string, InputValue> provided,
        Dictionary<string, object?> resolved, HashSet<string> disabled, HashSet<string> visiting)
    {
        if (resolved.ContainsKey(input.Id) || disabled.Contains(input.Id))
        {
            return;
        }

        if (!visiting.Add(input.Id))
        {
            throw new InputException(input.Id, "its dependencies form a cycle");
        }

        if (input.DependsOn is { } dependsOn)
        {
            foreach (var dependency in dependsOn.Inputs.Where(byId.ContainsKey))
            {
                ResolveOne(byId[dependency], byId, provided, resolved, disabled, visiting);
            }

            if (dependsOn.Inputs.Any(disabled.Contains) || (dependsOn.Condition is { } condition && !ConditionHolds(condition, dependsOn.Inputs, resolved)))
            {
                disabled.Add(input.Id);
                return;
            }
        }

        object? raw = provided.TryGetValue(input.Id, out var value)
            ? value switch
            {
                InputValue.Text t => t.Value,
                InputValue.Typed t => t.Value,
                InputValue.File f => f.Uri,
                _ => null,
            }
            : input.Defaults;
        if (raw is null || (raw is string { Length: 0 } && input.Type is not (InputType.STRING or InputType.SECRET or InputType.EMAIL)))
        {
            resolved[input.Id] = input.Required ? throw new InputException(input.Id, "missing required input") : null;
            return;
        }

        resolved[input.Id] = InputParser.Parse(input, input.Type, raw);
    }

    private bool ConditionHolds(string condition, IEnumerable<string> dependencies, Dictionary<string, object?> resolved)
    {
        var inputs = dependencies.Where(resolved.ContainsKey).ToDictionary(d => d, d => resolved[d]);
        var result = templates.RenderTyped(condition, new TemplateContext(new Dictionary<string, object?> { ["inputs"] = Nest(inputs) }));
        return result is true || (result is string s && s == "true");
    }

    /// <summary><c>nested.more.int</c> becomes <c>{nested: {more: {int: ...}}}</c>.</summary>
    private static Dictionary<string, object?> Nest(Dictionary<string, object?> flat)
    {
        var nested = new Dictionary<string, object?>();
        foreach (var (id, value) in flat)
        {
            var parts = id.Split('.');
            var level = nested;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!level.TryGetValue(parts[i], out var next))
                {
                    next = new Dictionary<string, object?>();
                    level[parts[i]] = next;
                }

                level = next as Dictionary<string, object?> ?? throw new InputException(id, $"`{parts[i]}` is both a value and a parent of other inputs");
            }

            level[parts[^1]] = value;
        }

        return nested;
    }
}
