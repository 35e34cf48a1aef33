using System.Net;
using System.Text;
using System.Text.Json;

namespace Merlin.Bench.Http;

/// <summary>The few Kestra-compatible API calls the benchmark makes, over one pooled HTTP client.</summary>
public sealed class MerlinClient(HttpClient http)
{
    public HttpClient Http => http;

    public static HttpClient CreateHttpClient(Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };

    public async Task CreateFlowAsync(string yaml, CancellationToken cancellationToken)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/x-yaml");
        using var response = await http.PostAsync(new Uri("api/v1/flows", UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Flow creation failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}\n{yaml}");
        }
    }

    /// <summary><c>POST /api/v1/executions/{ns}/{flowId}</c>, waiting for the end when asked.</summary>
    public async Task<ExecutionSummary> ExecuteAsync(string @namespace, string flowId, bool wait, CancellationToken cancellationToken)
    {
        var uri = new Uri($"api/v1/executions/{@namespace}/{flowId}{(wait ? "?wait=true" : "")}", UriKind.Relative);
        using var response = await http.PostAsync(uri, content: null, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary><c>POST /api/v1/executions/webhook/{ns}/{flowId}/{key}</c>; null when the route does not exist (404).</summary>
    public async Task<ExecutionSummary?> WebhookAsync(string @namespace, string flowId, string key, CancellationToken cancellationToken)
    {
        var uri = new Uri($"api/v1/executions/webhook/{@namespace}/{flowId}/{key}", UriKind.Relative);
        using var content = new StringContent("{\"bench\":true}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(uri, content, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, cancellationToken);
    }

    public async Task<ExecutionSummary> GetExecutionAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"api/v1/executions/{id}", UriKind.Relative), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>The <c>total</c> of <c>GET /api/v1/executions/search</c> for a namespace and state.</summary>
    public async Task<long> SearchTotalAsync(string @namespace, string state, CancellationToken cancellationToken)
    {
        var uri = new Uri($"api/v1/executions/search?namespace={Uri.EscapeDataString(@namespace)}&state={state}&size=1", UriKind.Relative);
        using var response = await http.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task<ExecutionSummary> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new ExecutionSummary(null, $"HTTP {(int)response.StatusCode}", null);
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("id", out var id)
            || !root.TryGetProperty("state", out var state)
            || !state.TryGetProperty("current", out var current))
        {
            return new ExecutionSummary(null, "not an execution", null); // e.g. a webhook answering with outputs
        }

        double? duration = state.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null;
        return new ExecutionSummary(id.GetString(), current.GetString() ?? "", duration);
    }
}
