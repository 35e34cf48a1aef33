namespace Merlin.Client.Models;

/// <summary>The answer of the health routes: <c>UP</c> or <c>DOWN</c>, why, and (readiness) each part's status.</summary>
public sealed record HealthStatus(string Status, string? Error = null, IReadOnlyDictionary<string, HealthStatus>? Details = null);
