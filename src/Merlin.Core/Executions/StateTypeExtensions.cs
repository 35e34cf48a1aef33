namespace Merlin.Core.Executions;

/// <summary>Kestra's state predicates.</summary>
public static class StateTypeExtensions
{
    public static bool IsTerminated(this StateType s) =>
        s is StateType.FAILED or StateType.WARNING or StateType.SUCCESS or StateType.KILLED
            or StateType.CANCELLED or StateType.RETRIED or StateType.SKIPPED;

    public static bool IsCreated(this StateType s) => s is StateType.CREATED or StateType.RESTARTED;

    public static bool IsRunning(this StateType s) => s is StateType.RUNNING or StateType.KILLING;

    public static bool IsFailed(this StateType s) => s == StateType.FAILED;

    public static bool IsPaused(this StateType s) => s == StateType.PAUSED;

    public static bool IsRetrying(this StateType s) => s is StateType.RETRYING or StateType.RETRIED;
}
