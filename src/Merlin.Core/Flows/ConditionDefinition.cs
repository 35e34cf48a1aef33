using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>A trigger condition (ExecutionStatus, ExecutionFlow, Expression...).</summary>
public abstract class ConditionDefinition
{
    [Required] public string Type { get; init; } = "";
    [NotBound] public SourcePosition Position { get; init; }
}
