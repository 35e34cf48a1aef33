namespace Merlin.Client.Models;

/// <summary>The body of <c>POST /api/v1/triggers/set-disabled/by-triggers</c>.</summary>
public sealed record SetTriggersDisabledRequest(IReadOnlyList<TriggerReference> Triggers, bool Disabled);
