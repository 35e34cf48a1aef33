using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when the upstream execution belongs to this namespace and flow id.</summary>
[Plugin("io.kestra.plugin.core.condition.ExecutionFlow", "io.kestra.core.models.conditions.types.ExecutionFlowCondition", "io.kestra.plugin.core.condition.ExecutionFlowCondition")]
public sealed class ExecutionFlowCondition : ConditionDefinition
{
    [Required] public string Namespace { get; init; } = "";
    [Required] public string FlowId { get; init; } = "";
}
