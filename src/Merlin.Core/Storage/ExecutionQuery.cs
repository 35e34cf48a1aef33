using Merlin.Core.Executions;

namespace Merlin.Core.Storage;

/// <summary>Filters and paging for execution search. Page is 1-based.</summary>
public sealed record ExecutionQuery
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    public IReadOnlyList<StateType>? States { get; init; }
    public IReadOnlyList<(string Key, string Value)>? Labels { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }
    /// <summary>Only the children of this execution (subflows, replays, Loop iterations); without it, Loop iterations are left out.</summary>
    public string? ParentId { get; init; }
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 25;
}
