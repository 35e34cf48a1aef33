namespace Merlin.Server.Api;

/// <summary>A health answer (or one of its details): <c>UP</c> or <c>DOWN</c>, why when down, and the parts checked.</summary>
internal sealed record HealthStatus(string Status, string? Error = null, IReadOnlyDictionary<string, HealthStatus>? Details = null);
