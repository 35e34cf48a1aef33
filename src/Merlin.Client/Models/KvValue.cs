using System.Text.Json;

namespace Merlin.Client.Models;

/// <summary>A KV value and its type (STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION, JSON).</summary>
public sealed record KvValue(string Type, JsonElement Value);
