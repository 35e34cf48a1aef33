using System.Net;
using System.Text.Json;
using Merlin.Client.Http;
using Merlin.Client.Models;

namespace Merlin.Client.Webhooks;

/// <summary><c>/api/v1/executions/webhook/{namespace}/{flowId}/{key}</c>: start a flow through its Webhook trigger.</summary>
public sealed class WebhooksClient
{
    private readonly ApiConnection _api;

    internal WebhooksClient(ApiConnection api) => _api = api;

    /// <summary>
    /// Posts <paramref name="body"/> (serialized as JSON, if any) to the webhook; the execution it started, or null
    /// when the trigger's conditions did not hold (204). A trigger with <c>wait: true</c> answers once it has ended.
    /// </summary>
    public async Task<Execution?> TriggerAsync(string @namespace, string flowId, string key, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(@namespace, flowId, key, body, cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await ApiConnection.ReadAsync<Execution>(response, cancellationToken);
    }

    /// <summary>For a trigger with <c>wait: true</c> and <c>returnOutputs: true</c>: the flow's outputs.</summary>
    public async Task<IReadOnlyDictionary<string, JsonElement>> TriggerForOutputsAsync(string @namespace, string flowId, string key, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(@namespace, flowId, key, body, cancellationToken);
        return await ApiConnection.ReadAsync<Dictionary<string, JsonElement>>(response, cancellationToken);
    }

    private Task<HttpResponseMessage> SendAsync(string @namespace, string flowId, string key, object? body, CancellationToken cancellationToken) =>
        _api.SendRawAsync(HttpMethod.Post,
            $"api/v1/executions/webhook/{ApiConnection.Escape(@namespace)}/{ApiConnection.Escape(flowId)}/{ApiConnection.Escape(key)}",
            body is null ? null : ApiConnection.Json(body), HttpCompletionOption.ResponseContentRead, cancellationToken);
}
