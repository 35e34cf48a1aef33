namespace Merlin.Core.Triggers;

/// <summary>What a schedule does on start-up about the dates it missed while the scheduler was down.</summary>
public enum RecoverMissedSchedules
{
    LAST,
    NONE,
    ALL,
}
