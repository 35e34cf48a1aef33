using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Merlin.Core.Engine;

/// <summary>
/// A task run's variables, built on first read: a task whose properties hold no expression (a constant log message)
/// never reads them, and building them (a dozen dictionaries) was a tenth of what an execution allocated.
/// The builder captures the execution as it was when the task started, so a later read sees the same values.
/// </summary>
internal sealed class LazyVariables(Func<Dictionary<string, object?>> build) : IReadOnlyDictionary<string, object?>
{
    private Dictionary<string, object?>? _built;

    private Dictionary<string, object?> Built => LazyInitializer.EnsureInitialized(ref _built, build);

    public object? this[string key] => Built[key];

    public IEnumerable<string> Keys => Built.Keys;

    public IEnumerable<object?> Values => Built.Values;

    public int Count => Built.Count;

    public bool ContainsKey(string key) => Built.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => Built.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Built.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
