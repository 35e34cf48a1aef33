namespace Merlin.Core.Flows;

/// <summary>One reason a flow is invalid: where (a property path and, when known, a YAML position) and what.</summary>
public sealed record FlowViolation(string Path, string Message, SourcePosition? Position = null)
{
    public override string ToString() =>
        Position is { } p ? $"{Path}: {Message} (at {p})" : $"{Path}: {Message}";
}
