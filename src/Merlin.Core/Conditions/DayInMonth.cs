namespace Merlin.Core.Conditions;

public enum DayInMonth
{
    FIRST,
    LAST,
    SECOND,
    THIRD,
    FOURTH,
}
