namespace Merlin.Sdk.Http;

/// <summary>The HTTP methods an HTTP task or trigger may use (Micronaut's <c>HttpMethod</c>).</summary>
public enum HttpRequestMethod
{
    GET,
    POST,
    PUT,
    PATCH,
    DELETE,
    HEAD,
    OPTIONS,
    TRACE,
    CONNECT,
    CUSTOM,
}
