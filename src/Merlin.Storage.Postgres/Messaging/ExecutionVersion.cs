using Merlin.Core.Executions;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// How far an execution has progressed, to tell a stored copy older than a notified change (the executor publishes
/// progress before its write-behind checkpoint lands) and not to deliver one change twice. State histories only grow:
/// the execution's own first (a restart adds one too), then its task runs' histories and attempts.
/// </summary>
internal readonly record struct ExecutionVersion(int States, int Tasks) : IComparable<ExecutionVersion>
{
    public static ExecutionVersion Of(Execution execution)
    {
        var tasks = 0;
        foreach (var taskRun in execution.TaskRunList) // every published change is versioned: no enumerator, no delegate
        {
            tasks += taskRun.State.Histories.Count + taskRun.Attempts.Count;
        }

        return new(execution.State.Histories.Count, tasks);
    }

    public int CompareTo(ExecutionVersion other) =>
        States != other.States ? States.CompareTo(other.States) : Tasks.CompareTo(other.Tasks);

    public static bool operator <(ExecutionVersion left, ExecutionVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ExecutionVersion left, ExecutionVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ExecutionVersion left, ExecutionVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ExecutionVersion left, ExecutionVersion right) => left.CompareTo(right) >= 0;
}
