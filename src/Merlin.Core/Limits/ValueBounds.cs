using System.Collections;

namespace Merlin.Core.Limits;

/// <summary>
/// Measures a value that is about to be stored (task or flow outputs): its nesting depth and roughly its JSON size.
/// Stops as soon as a bound is passed, so measuring a hostile value costs no more than the bound.
/// </summary>
public static class ValueBounds
{
    /// <summary>Why <paramref name="value"/> cannot be stored, or null when it fits.</summary>
    public static string? Violation(object? value, LimitOptions limits, long maxSize, string sizeSetting, string what)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var size = 0L;
        return Walk(value, 1, limits.MaxDepth, maxSize, ref size) switch
        {
            Outcome.TooDeep => LimitExceededException.For($"{what} nest deeper than {limits.MaxDepth} levels", limits.MaxDepth, nameof(LimitOptions.MaxDepth)).Message,
            Outcome.TooLarge => LimitExceededException.For($"{what} are larger than {maxSize} characters as JSON", maxSize, sizeSetting).Message,
            _ => null,
        };
    }

    private enum Outcome
    {
        Fits,
        TooDeep,
        TooLarge,
    }

    private static Outcome Walk(object? value, int depth, int maxDepth, long maxSize, ref long size)
    {
        switch (value)
        {
            case null or bool:
                size += 5;
                break;
            case string s:
                size += s.Length + 3;
                break;
            case IDictionary or IEnumerable<KeyValuePair<string, object?>> or (IEnumerable and not string):
                if (depth > maxDepth)
                {
                    return Outcome.TooDeep;
                }

                foreach (var (key, child) in Children(value))
                {
                    size += (key?.Length ?? 0) + 4;
                    var outcome = Walk(child, depth + 1, maxDepth, maxSize, ref size);
                    if (outcome != Outcome.Fits)
                    {
                        return outcome;
                    }
                }

                size += 2;
                break;
            default:
                size += 24;
                break;
        }

        return size > maxSize ? Outcome.TooLarge : Outcome.Fits;
    }

    private static IEnumerable<(string? Key, object? Value)> Children(object value)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (var (key, child) in map)
                {
                    yield return (key, child);
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    yield return (Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture), entry.Value);
                }

                break;
            case IEnumerable list:
                foreach (var child in list)
                {
                    yield return (null, child);
                }

                break;
        }
    }
}
