using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when <c>date</c> is the FIRST/SECOND/THIRD/FOURTH/LAST <c>dayOfWeek</c> of its month.</summary>
[Plugin("io.kestra.plugin.core.condition.DayWeekInMonth", "io.kestra.core.models.conditions.types.DayWeekInMonthCondition", "io.kestra.plugin.core.condition.DayWeekInMonthCondition")]
public sealed class DayWeekInMonthCondition : ConditionDefinition
{
    public string Date { get; init; } = "{{ trigger.date }}";
    [Required] public DayOfWeek DayOfWeek { get; init; }
    [Required] public DayInMonth DayInMonth { get; init; }
}
