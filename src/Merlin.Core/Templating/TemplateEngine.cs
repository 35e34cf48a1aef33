using System.Text.Json;
using System.Text.RegularExpressions;

namespace Merlin.Core.Templating;

// Interim engine: dotted variable lookups only. Replaced by the full Pebble-compatible engine.
public sealed partial class TemplateEngine
{
    public string Render(string template, TemplateContext context) =>
        !template.Contains('{') ? template : Expr().Replace(template, m => Stringify(Lookup(m.Groups[1].Value, context, template)));

    public object? RenderTyped(string template, TemplateContext context)
    {
        var m = Expr().Match(template.Trim());
        return m.Success && m.Length == template.Trim().Length ? Lookup(m.Groups[1].Value, context, template) : Render(template, context);
    }

    public object? RenderValue(object? value, TemplateContext context) => value switch
    {
        string s => Render(s, context),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => Render(kv.Key, context), kv => RenderValue(kv.Value, context)),
        IReadOnlyList<object?> list => list.Select(v => RenderValue(v, context)).ToList(),
        _ => value,
    };

    private static object? Lookup(string path, TemplateContext context, string template)
    {
        object? current = context.Variables;
        foreach (var part in path.Split('.'))
        {
            current = current is IReadOnlyDictionary<string, object?> map && map.TryGetValue(part, out var v)
                ? v
                : throw new TemplateException($"Unable to find `{part}` used in the expression `{template}` at line 1");
        }

        return current;
    }

    private static string Stringify(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => Json.InstantConverter.Format(d),
        IReadOnlyDictionary<string, object?> or IReadOnlyList<object?> => JsonSerializer.Serialize(value),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    [GeneratedRegex(@"\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}")]
    private static partial Regex Expr();
}
