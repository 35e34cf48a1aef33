using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>Fires once on each of a list of dates (ISO date-times, or an expression giving a list). Definition only.</summary>
[Plugin("io.kestra.plugin.core.trigger.ScheduleOnDates")]
public sealed class ScheduleOnDatesTrigger : TriggerDefinition
{
    /// <summary>A list of ISO-8601 date-times, or a template that renders to one (Kestra's <c>Property&lt;List&gt;</c>).</summary>
    [Required] public object? Dates { get; init; }
    public string? Timezone { get; init; }
    public Dictionary<string, object?>? Inputs { get; init; }
    public RecoverMissedSchedules? RecoverMissedSchedules { get; init; }

    /// <summary>Must stay null (Kestra's <c>@Null</c>).</summary>
    public string? Interval { get; init; }
}
