namespace Merlin.Sdk.Http;

/// <summary>The <c>sslOptions</c> of HTTP tasks and the polling HTTP trigger.</summary>
public sealed class HttpSslOptions
{
    public bool? InsecureTrustAllCertificates { get; init; }
}
