using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>A flow output: rendered at the end of the execution and typed like an input.</summary>
public sealed class OutputDefinition
{
    [Required] public string Id { get; init; } = "";
    [Required] public string Type { get; init; } = "";
    [Required] public object? Value { get; init; }
    public string? Description { get; init; }
    public string? DisplayName { get; init; }
    public bool Required { get; init; } = true;
}
