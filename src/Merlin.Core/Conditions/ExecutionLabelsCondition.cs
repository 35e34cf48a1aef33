using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when the upstream execution has every one of these labels (a map or a list of {key, value}).</summary>
[Plugin("io.kestra.plugin.core.condition.ExecutionLabels", "io.kestra.core.models.conditions.types.ExecutionLabelsCondition", "io.kestra.plugin.core.condition.ExecutionLabelsCondition")]
public sealed class ExecutionLabelsCondition : ConditionDefinition
{
    [Required] public List<Label> Labels { get; init; } = [];
}
