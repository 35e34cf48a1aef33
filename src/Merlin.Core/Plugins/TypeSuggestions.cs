namespace Merlin.Core.Plugins;

/// <summary>
/// Explains an unknown type name: a near miss of a registered type gets "did you mean ...?", a real Kestra plugin
/// Merlin lacks is named as such, anything else stays "Invalid type".
/// </summary>
public static class TypeSuggestions
{
    public static string Explain(string typeName, IEnumerable<string> knownNames)
    {
        // A real Kestra type is named as such before any near miss (LoopUntil is not a typo of anything Merlin has).
        if (KestraPluginCatalog.IsKestraCoreType(typeName))
        {
            return NotAvailable(typeName);
        }

        // Inside a Kestra plugin group only a typo is suggested: io.kestra.plugin.scripts.r.Script is not shell.Script.
        var inKestraGroup = KestraPluginCatalog.IsInKestraPluginGroup(typeName);
        if (Closest(typeName, knownNames.ToList(), typoOnly: inKestraGroup) is { } suggestion)
        {
            return $"Invalid type: {typeName}; did you mean `{suggestion}`?";
        }

        return inKestraGroup ? NotAvailable(typeName) : $"Invalid type: {typeName}";
    }

    private static string NotAvailable(string typeName) =>
        $"Invalid type: {typeName} is a Kestra plugin not available in Merlin (docs/reference/README.md lists the types Merlin runs)";

    /// <summary>
    /// The registered name closest to <paramref name="typeName"/>: the same simple name in another package
    /// (<c>Log</c>, <c>io.kestra.core.tasks.Log</c>), or within a few edits (a typo), whichever is nearer.
    /// </summary>
    private static string? Closest(string typeName, IReadOnlyList<string> known, bool typoOnly)
    {
        var simple = SimpleName(typeName);
        var sameSimple = typoOnly ? null : known.Where(k => string.Equals(SimpleName(k), simple, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.StartsWith("io.kestra.plugin.core.", StringComparison.Ordinal) ? 0 : 1).ThenBy(k => k.Length).FirstOrDefault();
        var limit = Math.Max(2, typeName.Length / 8);
        var (nearest, distance) = known.Select(k => (Name: k, Distance: Distance(typeName.ToLowerInvariant(), k.ToLowerInvariant(), limit)))
            .Where(c => c.Distance <= limit).OrderBy(c => c.Distance).FirstOrDefault();
        if (typoOnly)
        {
            return distance <= 2 ? nearest : null;
        }

        return nearest is not null && (sameSimple is null || distance <= 2) ? nearest : sameSimple;
    }

    private static string SimpleName(string name) => name[(name.LastIndexOf('.') + 1)..];

    /// <summary>Levenshtein distance, giving up (limit + 1) once every path exceeds <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }

            if (best > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
