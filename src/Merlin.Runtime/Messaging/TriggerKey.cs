namespace Merlin.Runtime.Messaging;

/// <summary>Names one trigger of one flow.</summary>
public readonly record struct TriggerKey(string Namespace, string FlowId, string TriggerId);
