namespace Merlin.Core.Inputs;

/// <summary>An input's <c>dependsOn</c>: other inputs it needs and an optional condition over them.</summary>
public sealed class InputDependency
{
    public List<string> Inputs { get; init; } = [];
    public string? Condition { get; init; }
}
