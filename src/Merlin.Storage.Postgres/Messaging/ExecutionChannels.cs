using Merlin.Core.Executions;
using Merlin.Runtime.Messaging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// The channels of execution notices, one per kind of notice, so a process is woken only by the kinds it may want:
/// PostgreSQL delivers every notification of a channel to every session that LISTENs to it, and a process that drops a
/// notice still paid for its delivery (a backend woken, a payload sent and parsed). A notice goes on exactly one channel.
/// </summary>
internal static class ExecutionChannels
{
    /// <summary>Creations and the states in between: wanted by followers (SSE) and by flow triggers on such states.</summary>
    public const string Progress = "executions";

    /// <summary>Ends and pauses, and ends that could not be stored: wanted by waiters (<c>?wait=true</c>), flow triggers and the scheduler.</summary>
    public const string Ends = "execution_ends";

    private static readonly StateType[] States = Enum.GetValues<StateType>();

    /// <summary>Whether a waiter wants a change to <paramref name="state"/>: an end or a pause.</summary>
    public static bool IsEnd(StateType state) => state.IsTerminated() || state.IsPaused();

    /// <summary>The one channel a change to <paramref name="state"/> is announced on.</summary>
    public static string Of(StateType state) => IsEnd(state) ? Ends : Progress;

    /// <summary>Whether <paramref name="wants"/> accepts a change to a state in between (announced on <see cref="Progress"/>).</summary>
    public static bool WantsProgress(Func<ExecutionChangeSummary, bool> wants)
    {
        foreach (var state in States)
        {
            if (!IsEnd(state) && (wants(new ExecutionChangeSummary(state, Triggered: false)) || wants(new ExecutionChangeSummary(state, Triggered: true))))
            {
                return true;
            }
        }

        return false;
    }
}
