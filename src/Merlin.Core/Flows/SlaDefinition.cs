using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>
/// A flow SLA: <c>MAX_DURATION</c> (the execution runs longer than <c>duration</c>) or <c>EXECUTION_ASSERTION</c>
/// (<c>assert</c> renders falsy while the execution runs). On violation, <c>behavior</c> FAIL or CANCEL ends the
/// execution in that state, NONE does not; <c>labels</c> are added to the execution either way.
/// </summary>
public sealed class SlaDefinition
{
    public const string MaxDuration = "MAX_DURATION";
    public const string ExecutionAssertion = "EXECUTION_ASSERTION";

    [Required] public string Id { get; init; } = "";
    [Required] public string Type { get; init; } = "";
    [Required] public string Behavior { get; init; } = "";
    public object? Labels { get; init; }
    public string? Duration { get; init; }
    public string? Assert { get; init; }
}
