using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when the time of <c>date</c> is after <c>after</c> and before <c>before</c> (ISO times with an optional offset).</summary>
[Plugin("io.kestra.plugin.core.condition.TimeBetween", "io.kestra.core.models.conditions.types.TimeBetweenCondition", "io.kestra.plugin.core.condition.TimeBetweenCondition")]
public sealed class TimeBetweenCondition : ConditionDefinition
{
    public string Date { get; init; } = "{{ trigger.date }}";
    public string? After { get; init; }
    public string? Before { get; init; }
}
