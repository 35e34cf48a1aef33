using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>
/// Polls a URL every <see cref="Interval"/> and fires when <see cref="ResponseCondition"/> is truthy
/// (variables <c>response.statusCode/body/headers</c>). Definition only.
/// </summary>
[Plugin("io.kestra.plugin.core.http.Trigger", "io.kestra.plugin.fs.http.Trigger")]
public sealed class HttpTrigger : TriggerDefinition
{
    public string Interval { get; init; } = "PT60S";
    public string ResponseCondition { get; init; } = "{{ response.statusCode < 400 }}";
    [Required] public string Uri { get; init; } = "";
    public HttpRequestMethod Method { get; init; } = HttpRequestMethod.GET;
    public string? Body { get; init; }
    public Dictionary<string, object?>? FormData { get; init; }
    public string? ContentType { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public HttpOptions? Options { get; init; }
    public HttpSslOptions? SslOptions { get; init; }
    public bool EncryptBody { get; init; }
}
