using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when a task run of the execution was retried in one of the <c>in</c> states and none of <c>notIn</c>.</summary>
[Plugin("io.kestra.plugin.core.condition.HasRetryAttempt", "io.kestra.core.models.conditions.types.HasRetryAttemptCondition", "io.kestra.plugin.core.condition.HasRetryAttemptCondition")]
public sealed class HasRetryAttemptCondition : ConditionDefinition
{
    public List<StateType>? In { get; init; }
    public List<StateType>? NotIn { get; init; }
}
