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
        var states = runs.Select(r => r.State.Current).ToHashSet();
        return states.Contains(StateType.KILLED) ? StateType.KILLED
            : states.Contains(StateType.FAILED) ? StateType.FAILED
            : states.Contains(StateType.WARNING) ? StateType.WARNING
            : states.Contains(StateType.PAUSED) ? StateType.PAUSED
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
