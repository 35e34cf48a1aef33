namespace Merlin.Core.Triggers;

public enum TimeWindowType
{
    DAILY_TIME_DEADLINE,
    DAILY_TIME_WINDOW,
    DURATION_WINDOW,
    SLIDING_WINDOW,
}
