using Merlin.Sdk.Http;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Http;

/// <summary>The request properties shared by the HTTP tasks (Kestra's <c>AbstractHttp</c>).</summary>
public abstract class HttpTask : RunnableTask
{
    [Required] public string Uri { get; init; } = "";
    public HttpRequestMethod Method { get; init; } = HttpRequestMethod.GET;
    public string? Body { get; init; }

    /// <summary>URL-encoded by default; multipart with <c>contentType: multipart/form-data</c>.</summary>
    public Dictionary<string, object?>? FormData { get; init; }
    public string? ContentType { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public HttpOptions? Options { get; init; }
    public HttpSslOptions? SslOptions { get; init; }
}
