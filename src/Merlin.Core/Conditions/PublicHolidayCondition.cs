using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when <c>date</c> is a public holiday of <c>country</c> (ISO 3166 code, the server country when unset) and <c>subDivision</c>.</summary>
[Plugin("io.kestra.plugin.core.condition.PublicHoliday", "io.kestra.core.models.conditions.types.PublicHolidayCondition", "io.kestra.plugin.core.condition.PublicHolidayCondition")]
public sealed class PublicHolidayCondition : ConditionDefinition
{
    public string Date { get; init; } = "{{ trigger.date }}";
    public string? Country { get; init; }
    public string? SubDivision { get; init; }
}
