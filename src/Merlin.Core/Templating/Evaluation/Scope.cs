using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Evaluation;

/// <summary>Variable frames: the context variables at the bottom, one frame per for loop, <c>set</c> writes to the innermost.</summary>
internal sealed class Scope(IReadOnlyDictionary<string, object?> root)
{
    private readonly List<Dictionary<string, object?>> _frames = [new()];

    public void Push() => _frames.Add(new Dictionary<string, object?>());

    public void Pop() => _frames.RemoveAt(_frames.Count - 1);

    public void Set(string name, object? value) => _frames[^1][name] = value;

    public bool TryGet(string name, out object? value)
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].TryGetValue(name, out value)) return true;
        }
        if (root.TryGetValue(name, out value))
        {
            value = ValueConvert.Normalize(value);
            return true;
        }
        return false;
    }

    /// <summary>All visible variables, inner frames overriding outer ones.</summary>
    public Dictionary<string, object?> Flatten()
    {
        var result = new Dictionary<string, object?>(root);
        foreach (var frame in _frames)
        {
            foreach (var kv in frame) result[kv.Key] = kv.Value;
        }
        return result;
    }
}
