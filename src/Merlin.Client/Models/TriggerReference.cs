namespace Merlin.Client.Models;

/// <summary>Names one trigger (and, to enable or disable it, the wanted state).</summary>
public sealed record TriggerReference(string Namespace, string FlowId, string TriggerId, bool? Disabled = null);
