namespace Merlin.Core.Storage;

/// <summary>
/// What the scheduler remembers about one trigger of one flow, so a restart neither skips nor doubles a fire:
/// the next date to fire, the last execution it started (while not terminated), and whether it is disabled.
/// </summary>
public sealed record TriggerState
{
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public required string TriggerId { get; init; }
    public int FlowRevision { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? NextExecutionDate { get; init; }
    public string? ExecutionId { get; init; }
    public bool Disabled { get; init; }
    public IReadOnlyDictionary<string, object?>? Backfill { get; init; }
    public DateTimeOffset Updated { get; init; }
}
