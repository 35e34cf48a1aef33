using System.Net.Http.Headers;
using System.Text;
using Merlin.Client.Executions;
using Merlin.Client.Flows;
using Merlin.Client.Http;
using Merlin.Client.Kv;
using Merlin.Client.Logs;
using Merlin.Client.Metrics;
using Merlin.Client.Namespaces;
using Merlin.Client.Tokens;
using Merlin.Client.Webhooks;

namespace Merlin.Client;

/// <summary>
/// A typed client of a Merlin (or Kestra) server's REST API. Refusals throw <see cref="MerlinApiException"/> with
/// Kestra's error body; every call takes a <see cref="CancellationToken"/>.
/// </summary>
public sealed class MerlinClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client with its own <see cref="HttpClient"/>, authenticated as <paramref name="options"/> say.</summary>
    public MerlinClient(MerlinClientOptions options)
        : this(CreateHttp(options), ownsHttp: true)
    {
    }

    /// <summary>A client over an <see cref="HttpClient"/> whose <c>BaseAddress</c> (and authentication) the caller set.</summary>
    public MerlinClient(HttpClient httpClient)
        : this(httpClient, ownsHttp: false)
    {
    }

    private MerlinClient(HttpClient http, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http.BaseAddress, "httpClient.BaseAddress");
        _http = http;
        _ownsHttp = ownsHttp;
        var api = new ApiConnection(http);
        Flows = new FlowsClient(api);
        Executions = new ExecutionsClient(api);
        Logs = new LogsClient(api);
        Metrics = new MetricsClient(api);
        Webhooks = new WebhooksClient(api);
        Kv = new KvClient(api);
        NamespaceFiles = new NamespaceFilesClient(api);
        Tokens = new TokensClient(api);
    }

    /// <summary>Flows: create, update, get, list, search, validate, deploy, delete.</summary>
    public FlowsClient Flows { get; }

    /// <summary>Executions: run with inputs and files, get, search, follow, wait, kill, restart, resume.</summary>
    public ExecutionsClient Executions { get; }

    /// <summary>Execution logs: list, follow, download.</summary>
    public LogsClient Logs { get; }

    /// <summary>The metrics tasks recorded: per execution, and per flow their names, tasks and aggregates.</summary>
    public MetricsClient Metrics { get; }

    /// <summary>Webhook triggers.</summary>
    public WebhooksClient Webhooks { get; }

    /// <summary>The KV store of namespaces.</summary>
    public KvClient Kv { get; }

    /// <summary>Namespace files: <c>/api/v1/namespaces/{namespace}/files</c>.</summary>
    public NamespaceFilesClient NamespaceFiles { get; }

    /// <summary>API tokens.</summary>
    public TokensClient Tokens { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static HttpClient CreateHttp(MerlinClientOptions options)
    {
        var root = options.Server.AbsoluteUri.EndsWith('/') ? options.Server : new Uri(options.Server.AbsoluteUri + "/");
        // Streams (follow) outlive any request timeout, so the limit is applied per call by the handler below.
        var http = new HttpClient(new TimeoutHandler(options.Timeout) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = root,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrEmpty(options.Token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        return http;
    }
}
