using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>Deprecated (use ExecutionFlow): true when the upstream execution is of this namespace and flow id.</summary>
[Plugin("io.kestra.plugin.core.condition.FlowCondition", "io.kestra.core.models.conditions.types.FlowCondition")]
public sealed class FlowCondition : ConditionDefinition
{
    [Required] public string Namespace { get; init; } = "";
    [Required] public string FlowId { get; init; } = "";
}
