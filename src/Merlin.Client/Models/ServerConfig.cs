namespace Merlin.Client.Models;

/// <summary>What a UI needs before login (<c>GET /api/v1/configs</c>).</summary>
public sealed record ServerConfig
{
    public required string Version { get; init; }
    public required string Url { get; init; }
    public bool IsBasicAuthEnabled { get; init; }
    public bool IsAnonymousUsageEnabled { get; init; }
    public bool IsTaskRunEnabled { get; init; }
    public bool IsTemplateEnabled { get; init; }
    public bool IsCustomDashboardsEnabled { get; init; }
    public string? SystemNamespace { get; init; }
}
