namespace Merlin.Core.Storage;

/// <summary>
/// The conditions of a MultipleCondition (or of a Flow trigger's preconditions) met so far by upstream executions in
/// the current time window, for one flow and condition id (Kestra's <c>MultipleConditionWindow</c>).
/// </summary>
public sealed record MultipleConditionWindow
{
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public required string ConditionId { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }

    /// <summary>The named conditions met in this window (only <c>true</c> entries are ever recorded).</summary>
    public IReadOnlyDictionary<string, bool> Results { get; init; } = new Dictionary<string, bool>();

    /// <summary>Strictly inside the window, as Kestra's <c>isValid</c>.</summary>
    public bool IsValid(DateTimeOffset now) => now > Start && now < End;

    /// <summary>The window with these conditions added to the ones already met.</summary>
    public MultipleConditionWindow With(IEnumerable<string> met)
    {
        var results = new Dictionary<string, bool>(Results);
        foreach (var name in met)
        {
            results[name] = true;
        }

        return this with { Results = results };
    }
}
