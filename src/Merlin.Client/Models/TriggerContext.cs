namespace Merlin.Client.Models;

/// <summary>A trigger's stored state (Kestra's trigger context): disabled, lock, dates.</summary>
public sealed record TriggerContext
{
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public required string TriggerId { get; init; }
    public bool Disabled { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? NextExecutionDate { get; init; }

    /// <summary>The running execution that locks the trigger, if any.</summary>
    public string? ExecutionId { get; init; }
    public DateTimeOffset? UpdatedDate { get; init; }
}
