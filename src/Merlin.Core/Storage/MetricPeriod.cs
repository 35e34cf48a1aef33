namespace Merlin.Core.Storage;

/// <summary>The UTC periods metric values are grouped by in storage (weeks are made of days by the caller).</summary>
public enum MetricPeriod
{
    Minute,
    Hour,
    Day,
    Month,
}
