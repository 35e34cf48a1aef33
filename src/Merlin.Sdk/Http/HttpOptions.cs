namespace Merlin.Sdk.Http;

/// <summary>
/// The <c>options</c> of HTTP tasks and the polling HTTP trigger. Durations are ISO-8601 strings.
/// Basic auth is applied only when both user and password are set, as Kestra does.
/// </summary>
public sealed class HttpOptions
{
    public string? ConnectTimeout { get; init; }
    public string ReadTimeout { get; init; } = "PT10S";
    public string ReadIdleTimeout { get; init; } = "PT5M";
    public string ConnectionPoolIdleTimeout { get; init; } = "PT0S";
    public int MaxContentLength { get; init; } = 10 * 1024 * 1024;
    public string ProxyType { get; init; } = "DIRECT";
    public string? ProxyAddress { get; init; }
    public int? ProxyPort { get; init; }
    public string? ProxyUsername { get; init; }
    public string? ProxyPassword { get; init; }
    public string DefaultCharset { get; init; } = "UTF-8";
    public bool FollowRedirects { get; init; } = true;
    public string? LogLevel { get; init; }
    public string? BasicAuthUser { get; init; }
    public string? BasicAuthPassword { get; init; }
}
