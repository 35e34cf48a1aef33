namespace Merlin.Sdk.Runs;

/// <summary>Kestra's state names, shared by executions, task runs and attempts.</summary>
public enum StateType
{
    CREATED,
    RUNNING,
    PAUSED,
    RESTARTED,
    KILLING,
    SUCCESS,
    WARNING,
    FAILED,
    KILLED,
    CANCELLED,
    QUEUED,
    RETRYING,
    RETRIED,
    SKIPPED,
}
