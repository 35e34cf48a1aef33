namespace Merlin.Core.Flows;

/// <summary>A flow that cannot be parsed or is invalid, with every violation found.</summary>
public sealed class FlowValidationException : Exception
{
    public FlowValidationException(IReadOnlyList<FlowViolation> violations)
        : base(string.Join("\n", violations.Select(v => v.ToString())))
    {
        Violations = violations;
    }

    public FlowValidationException(FlowViolation violation)
        : this([violation])
    {
    }

    public IReadOnlyList<FlowViolation> Violations { get; }
}
