namespace Merlin.Client.Models;

/// <summary>The body of <c>POST /api/v1/tokens</c>.</summary>
public sealed record CreateApiTokenRequest(string Name, DateTimeOffset? ExpiresAt = null);
