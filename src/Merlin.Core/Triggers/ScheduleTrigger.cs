using Cronos;
using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>
/// Fires on a cron expression (5 fields, or 6 with <see cref="WithSeconds"/>, or a nickname such as <c>@daily</c>)
/// in <see cref="Timezone"/>. Definition only: the scheduler computes the dates.
/// </summary>
[Plugin("io.kestra.plugin.core.trigger.Schedule", "io.kestra.core.models.triggers.types.Schedule")]
public sealed class ScheduleTrigger : TriggerDefinition, IValidatableTask
{
    private static readonly Dictionary<string, string> Nicknames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    [Required] public string Cron { get; init; } = "";
    public bool WithSeconds { get; init; }

    /// <summary>An IANA zone id; null means the server's zone.</summary>
    public string? Timezone { get; init; }

    /// <summary>Must stay null (Kestra's <c>@Null</c>); present so that a flow setting it gets a precise error.</summary>
    public string? Interval { get; init; }
    public Dictionary<string, object?>? Inputs { get; init; }
    public string? LateMaximumDelay { get; init; }

    /// <summary>Deprecated: use <see cref="TriggerDefinition.Conditions"/>.</summary>
    public List<ConditionDefinition>? ScheduleConditions { get; init; }

    /// <summary>Deprecated: backfills are set through the API on the trigger state.</summary>
    public Dictionary<string, object?>? Backfill { get; init; }
    public RecoverMissedSchedules? RecoverMissedSchedules { get; init; }

    /// <summary>Parses <see cref="Cron"/> into a Cronos expression (nicknames expanded); throws <see cref="CronFormatException"/>.</summary>
    public CronExpression ParseCron()
    {
        var text = Cron.Trim();
        if (Nicknames.TryGetValue(text, out var expanded))
        {
            return CronExpression.Parse(WithSeconds ? "0 " + expanded : expanded, WithSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }

        return CronExpression.Parse(text, WithSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    /// <summary>The zone to compute dates in: <see cref="Timezone"/> or the server's local zone.</summary>
    public TimeZoneInfo ResolveTimeZone() =>
        string.IsNullOrEmpty(Timezone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(Timezone);

    /// <summary>Save-time checks: the cron parses, the zone exists, durations are valid, interval is unset.</summary>
    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        try
        {
            ParseCron();
        }
        catch (CronFormatException e)
        {
            errors.Add($"invalid cron expression '{Cron}': {e.Message}");
        }

        if (!string.IsNullOrEmpty(Timezone))
        {
            try
            {
                TimeZoneInfo.FindSystemTimeZoneById(Timezone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                errors.Add($"invalid timezone '{Timezone}'");
            }
        }

        if (Interval is not null)
        {
            errors.Add("interval: must be null");
        }

        if (LateMaximumDelay is not null && !IsoDuration.TryParse(LateMaximumDelay, out _))
        {
            errors.Add($"invalid lateMaximumDelay '{LateMaximumDelay}' (an ISO-8601 duration)");
        }

        return errors;
    }
}
