using System.Text.Json;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Json;
using Merlin.Core.Limits;
using Merlin.Runtime.Scheduler;
using Merlin.Server.Hosting;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>/api/v1/executions/webhook/{namespace}/{flowId}/{key}</c>, plus Merlin's wait, returnOutputs and secret.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app) =>
        app.MapMethods("/api/v1/executions/webhook/{namespace}/{flowId}/{key}", ["GET", "POST", "PUT"], HandleAsync).DisableAntiforgery().AllowAnonymous(); // the key in the path is the secret

    private static async Task<IResult> HandleAsync(string @namespace, string flowId, string key, HttpContext http, WebhookHandler webhooks,
        TriggerOptions options, LimitOptions limits, PublicUrl publicUrl, CancellationToken ct)
    {
        var (flow, trigger) = await webhooks.FindAsync(@namespace, flowId, key, ct);
        var limit = options.MaxWebhookBodySize;
        var request = await WebhookRequest.ReadAsync(http.Request, limit, ct);
        if (request is null)
        {
            return Error(http, StatusCodes.Status413PayloadTooLarge, $"Request Entity Too Large: the webhook body is larger than {limit} bytes");
        }

        if (trigger.Secret is { } secret && !request.IsSignedWith(webhooks.Render(flow, secret), http.Request))
        {
            return Error(http, StatusCodes.Status401Unauthorized, "Unauthorized: missing or invalid X-Merlin-Signature (sha256=<hex HMAC-SHA256 of the body>)");
        }

        var variables = new Dictionary<string, object?>
        {
            ["body"] = request.ParsedBody(limits),
            ["headers"] = request.Headers,
            ["parameters"] = request.Parameters,
        };
        if (await webhooks.StartAsync(flow, trigger, variables, QueryInputs(flow, http.Request), ct) is not { } execution)
        {
            return Results.NoContent();
        }

        if (trigger.Wait == true && trigger.ReturnOutputs == true && execution.State.Current is StateType.SUCCESS or StateType.WARNING)
        {
            return Results.Text(JsonSerializer.Serialize(execution.Outputs ?? new Dictionary<string, object?>(), KestraJson.Options), "application/json");
        }

        return ExecutionJson.Result(execution, publicUrl.Value);
    }

    /// <summary>Query parameters named like a declared input become raw (untyped) inputs, as Kestra's webhook executions are.</summary>
    private static Dictionary<string, InputValue> QueryInputs(Flow flow, HttpRequest request) =>
        flow.Inputs.Where(i => request.Query.ContainsKey(i.Id))
            .ToDictionary(i => i.Id, i => (InputValue)new InputValue.Text(request.Query[i.Id].ToString()));

    private static IResult Error(HttpContext http, int status, string message) =>
        Results.Json(ApiError.Of(message, http.Request.Path.Value ?? "/"), KestraJson.Options, statusCode: status);
}
