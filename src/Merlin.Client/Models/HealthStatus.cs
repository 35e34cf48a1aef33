namespace Merlin.Client.Models;

/// <summary>The answer of the health routes: <c>UP</c> when ready.</summary>
public sealed record HealthStatus(string Status);
