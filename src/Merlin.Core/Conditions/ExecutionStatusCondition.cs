using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when the upstream state is in <c>in</c> (if set) and not in <c>notIn</c> (if set).</summary>
[Plugin("io.kestra.plugin.core.condition.ExecutionStatus", "io.kestra.core.models.conditions.types.ExecutionStatusCondition", "io.kestra.plugin.core.condition.ExecutionStatusCondition")]
public sealed class ExecutionStatusCondition : ConditionDefinition
{
    public List<StateType>? In { get; init; }
    public List<StateType>? NotIn { get; init; }
}
