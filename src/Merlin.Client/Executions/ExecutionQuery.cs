using Merlin.Client.Models;

namespace Merlin.Client.Executions;

/// <summary>Filters of an execution search; every one optional.</summary>
public sealed record ExecutionQuery
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    public IReadOnlyList<StateType>? States { get; init; }

    /// <summary>Labels as <c>key:value</c>.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Only the children of this execution (subflows, replays, Loop iterations, which other searches leave out).</summary>
    public string? ParentId { get; init; }
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 25;
}
