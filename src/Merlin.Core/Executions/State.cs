using System.Collections.Immutable;

namespace Merlin.Core.Executions;

/// <summary>A current state and every state it went through, with dates (Kestra's <c>State</c>).</summary>
public sealed record State(StateType Current, ImmutableList<StateHistory> Histories)
{
    public static State Create(DateTimeOffset now, StateType type = StateType.CREATED) =>
        new(type, [new StateHistory(type, now)]);

    public DateTimeOffset StartDate => Histories[0].Date;

    /// <summary>Set only once terminated or paused, as Kestra does.</summary>
    public DateTimeOffset? EndDate => Current.IsTerminated() || Current.IsPaused() ? Histories[^1].Date : null;

    public TimeSpan DurationAt(DateTimeOffset now) =>
        (EndDate ?? (Current.IsTerminated() ? Histories[^1].Date : now)) - StartDate;

    public bool IsTerminated => Current.IsTerminated();

    /// <summary>Moves to a new state; the same state twice is a no-op.</summary>
    public State With(StateType type, DateTimeOffset now) =>
        type == Current ? this : new State(type, Histories.Add(new StateHistory(type, now)));
}
