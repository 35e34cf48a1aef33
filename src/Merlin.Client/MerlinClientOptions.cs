namespace Merlin.Client;

/// <summary>Where the server is and how to authenticate: an API token, or basic-auth credentials, or neither.</summary>
public sealed class MerlinClientOptions
{
    /// <summary>The server's base address, e.g. <c>http://localhost:8080</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>An API token (<c>mrl_...</c>), sent as <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; init; }

    /// <summary>Basic-auth user name (with <see cref="Password"/>), when no token is given.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; init; }

    /// <summary>Time limit of one request; streams (follow) are not limited. Default 100 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}
