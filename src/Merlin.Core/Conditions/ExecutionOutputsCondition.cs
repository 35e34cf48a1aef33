using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when the upstream execution has outputs and <c>expression</c> is truthy.</summary>
[Plugin("io.kestra.plugin.core.condition.ExecutionOutputs", "io.kestra.core.models.conditions.types.ExecutionOutputsCondition", "io.kestra.plugin.core.condition.ExecutionOutputsCondition")]
public sealed class ExecutionOutputsCondition : ConditionDefinition
{
    [Required] public string Expression { get; init; } = "";
}
