using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when at least one of <c>conditions</c> is true.</summary>
[Plugin("io.kestra.plugin.core.condition.Or", "io.kestra.core.models.conditions.types.OrCondition", "io.kestra.plugin.core.condition.OrCondition")]
public sealed class OrCondition : ConditionDefinition
{
    [Required] public List<ConditionDefinition> Conditions { get; init; } = [];
}
