using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>Kestra's <c>guessFinalState</c> and the allowFailure / allowWarning adjustments.</summary>
public static class FinalState
{
    /// <summary>The worst state among task runs: KILLED, FAILED, WARNING, PAUSED, else SUCCESS.</summary>
    public static StateType Of(IEnumerable<TaskRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        bool killed = false, failed = false, warning = false, paused = false;
        foreach (var run in runs)
        {
            switch (run.State.Current)
            {
                case StateType.KILLED: killed = true; break;
                case StateType.FAILED: failed = true; break;
                case StateType.WARNING: warning = true; break;
                case StateType.PAUSED: paused = true; break;
            }
        }

        return killed ? StateType.KILLED
            : failed ? StateType.FAILED
            : warning ? StateType.WARNING
            : paused ? StateType.PAUSED
            : StateType.SUCCESS;
    }

    /// <summary>FAILED becomes WARNING under allowFailure (or in AllowFailure); WARNING becomes SUCCESS under allowWarning.</summary>
    public static StateType Adjust(TaskDefinition task, StateType state)
    {
        if (state == StateType.FAILED && (task.AllowFailure || task is AllowFailure))
        {
            state = StateType.WARNING;
        }

        return state == StateType.WARNING && task.AllowWarning ? StateType.SUCCESS : state;
    }
}
