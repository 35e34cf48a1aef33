using Merlin.Core.Plugins;

namespace Merlin.Core.Inputs;

/// <summary>
/// A typed flow input. One class carries the fields of every input type; input resolution
/// uses only the fields of the declared type.
/// </summary>
public sealed class InputDefinition
{
    [Required, YamlName("name")] public string Id { get; init; } = "";
    [Required] public InputType Type { get; init; }
    public string? Description { get; init; }
    public string? DisplayName { get; init; }
    public bool Required { get; init; } = true;
    public object? Defaults { get; init; }
    public InputDependency? DependsOn { get; init; }

    // STRING / SECRET
    public string? Validator { get; init; }

    // ENUM / SELECT / MULTISELECT
    public List<string>? Values { get; init; }
    public List<string>? Options { get; init; }
    public string? Expression { get; init; }
    public bool AllowCustomValue { get; init; }
    public bool IsRadio { get; init; }

    // INT / FLOAT / DURATION
    public object? Min { get; init; }
    public object? Max { get; init; }

    // DATETIME / DATE / TIME
    public string? After { get; init; }
    public string? Before { get; init; }

    // ARRAY / MULTISELECT
    public InputType? ItemType { get; init; }

    // FILE
    public string? Extension { get; init; }
}
