namespace Merlin.Core.Triggers;

/// <summary>
/// The window in which preconditions (or a MultipleCondition) must all be met. Durations are ISO-8601,
/// times are <c>HH:mm:ss</c> with an optional offset.
/// </summary>
public sealed class TimeWindow
{
    public TimeWindowType Type { get; init; } = TimeWindowType.DURATION_WINDOW;
    public string? Deadline { get; init; }
    public string? Window { get; init; }
    public string? WindowAdvance { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
}
