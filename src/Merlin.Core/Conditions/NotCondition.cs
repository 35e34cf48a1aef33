using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when none of <c>conditions</c> is true.</summary>
[Plugin("io.kestra.plugin.core.condition.Not", "io.kestra.core.models.conditions.types.NotCondition", "io.kestra.plugin.core.condition.NotCondition")]
public sealed class NotCondition : ConditionDefinition
{
    [Required] public List<ConditionDefinition> Conditions { get; init; } = [];
}
