using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when <c>date</c> falls on <c>dayOfWeek</c> (MONDAY..SUNDAY).</summary>
[Plugin("io.kestra.plugin.core.condition.DayWeek", "io.kestra.core.models.conditions.types.DayWeekCondition", "io.kestra.plugin.core.condition.DayWeekCondition")]
public sealed class DayWeekCondition : ConditionDefinition
{
    public string Date { get; init; } = "{{ trigger.date }}";
    [Required] public DayOfWeek DayOfWeek { get; init; }
}
