using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Evaluation;

/// <summary>Evaluated call arguments: positional ones, then named ones (<c>f(1, b=2)</c>).</summary>
internal sealed class Arguments(IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> named)
{
    public static readonly Arguments Empty = new([], new Dictionary<string, object?>());

    public IReadOnlyList<object?> Positional { get; } = positional;

    public IReadOnlyDictionary<string, object?> Named { get; } = named;

    public int Count => Positional.Count + Named.Count;

    /// <summary>The argument by name, else at a position, else null.</summary>
    public object? Get(int index, string name) =>
        Named.TryGetValue(name, out var v) ? v : index < Positional.Count ? Positional[index] : null;

    public bool Has(int index, string name) => Named.ContainsKey(name) || index < Positional.Count;

    public string? GetString(int index, string name)
    {
        var v = Get(index, name);
        return v is null ? null : ValueFormatter.ToText(v);
    }

    public string RequireString(int index, string name, string owner) =>
        GetString(index, name) ?? throw new TemplateException($"`{owner}` requires the argument `{name}`");

    public long? GetLong(int index, string name)
    {
        var v = Get(index, name);
        return v is null ? null : ValueConvert.ToLong(v);
    }

    public bool GetBool(int index, string name, bool defaultValue)
    {
        var v = Get(index, name);
        return v switch
        {
            null => defaultValue,
            bool b => b,
            string s => bool.TryParse(s, out var b) ? b : defaultValue,
            _ => defaultValue,
        };
    }
}
