using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when <c>date</c> (default <c>trigger.date</c>) is after <c>after</c> and before <c>before</c> (ISO date-times, either optional).</summary>
[Plugin("io.kestra.plugin.core.condition.DateTimeBetween", "io.kestra.core.models.conditions.types.DateTimeBetweenCondition", "io.kestra.plugin.core.condition.DateTimeBetweenCondition")]
public sealed class DateTimeBetweenCondition : ConditionDefinition
{
    public string Date { get; init; } = "{{ trigger.date }}";
    public string? After { get; init; }
    public string? Before { get; init; }
}
