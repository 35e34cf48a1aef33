using System.Text.Json;

namespace Merlin.Client.Models;

/// <summary>A trigger search row: the trigger as written in its flow, and its stored state.</summary>
public sealed record TriggerRow(JsonElement AbstractTrigger, TriggerContext TriggerContext);
