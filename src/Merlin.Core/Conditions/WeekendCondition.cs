using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when <c>date</c> is a Saturday or a Sunday.</summary>
[Plugin("io.kestra.plugin.core.condition.Weekend", "io.kestra.core.models.conditions.types.WeekendCondition", "io.kestra.plugin.core.condition.WeekendCondition")]
public sealed class WeekendCondition : ConditionDefinition
{
    public string Date { get; init; } = "{{ trigger.date }}";
}
