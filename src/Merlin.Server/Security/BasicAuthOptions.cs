namespace Merlin.Server.Security;

/// <summary>The single basic-auth account, as Kestra's <c>kestra.server.basic-auth</c>.</summary>
public sealed class BasicAuthOptions
{
    public string? Username { get; set; }

    /// <summary>Never logged nor returned by any route.</summary>
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
