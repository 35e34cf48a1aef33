namespace Merlin.Client.Models;

/// <summary>The states of an execution, task run or attempt, as Kestra names them.</summary>
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
