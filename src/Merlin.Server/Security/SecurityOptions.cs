namespace Merlin.Server.Security;

/// <summary>The <c>Merlin:Security</c> section: who may call the API, from which browser origins, how failed logins are slowed.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Whether every route but the open ones needs credentials. Unset means "on when basic auth is configured";
    /// <c>true</c> without basic auth accepts API tokens only (create the first one with <c>merlin tokens create</c>).
    /// </summary>
    public bool? Enabled { get; set; }

    public BasicAuthOptions BasicAuth { get; set; } = new();

    /// <summary>Browser origins allowed to call the API (CORS); empty (the default) sends no CORS headers at all.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public LoginThrottleOptions LoginThrottle { get; set; } = new();

    /// <summary>
    /// Key (base64 of 32 bytes, e.g. <c>openssl rand -base64 32</c>) that encrypts SECRET inputs at rest; unset means
    /// a key generated once into <c>{DataDir}/encryption.key</c>.
    /// </summary>
    public string? EncryptionKey { get; set; }

    public bool IsEnabled => Enabled ?? BasicAuth.IsConfigured;

    /// <summary>Refuses half-configured settings at start-up rather than running open by mistake.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(BasicAuth.Username) != string.IsNullOrEmpty(BasicAuth.Password))
        {
            throw new InvalidOperationException("Merlin:Security:BasicAuth needs both Username and Password (or neither).");
        }

        if (LoginThrottle.MaxFailures < 1 || LoginThrottle.Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Merlin:Security:LoginThrottle needs MaxFailures >= 1 and a positive Window.");
        }
    }
}
