namespace Merlin.Client.Models;

/// <summary>Kestra's <c>State</c>: the current state, its history and the derived dates and duration (seconds).</summary>
public sealed record ExecutionState
{
    public required StateType Current { get; init; }
    public IReadOnlyList<StateHistory> Histories { get; init; } = [];
    public double? Duration { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Whether the state is final (SUCCESS, WARNING, FAILED, KILLED, CANCELLED, RETRIED, SKIPPED).</summary>
    public bool IsTerminated => Current is StateType.SUCCESS or StateType.WARNING or StateType.FAILED or StateType.KILLED
        or StateType.CANCELLED or StateType.RETRIED or StateType.SKIPPED;
}
