using System.Text.Json;

namespace Merlin.Client.Models;

/// <summary>What started an execution: the trigger's id, type and variables.</summary>
public sealed record ExecutionTrigger(string Id, string Type, IReadOnlyDictionary<string, JsonElement>? Variables);
