using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Merlin.Core.Conditions;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Json;
using Merlin.Core.Limits;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Core.Triggers;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Executor;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Scheduler;
using Merlin.Runtime.Secrets;
using Merlin.Server.Hosting;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>/api/v1/executions/webhook/{namespace}/{flowId}/{key}</c>, plus Merlin's wait, returnOutputs and secret.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app) =>
        app.MapMethods("/api/v1/executions/webhook/{namespace}/{flowId}/{key}", ["GET", "POST", "PUT"], HandleAsync).DisableAntiforgery().AllowAnonymous(); // the key in the path is the secret

    private static async Task<IResult> HandleAsync(string @namespace, string flowId, string key, HttpContext http, FlowService flows,
        ExecutionService executions, ExecutionNotifier notifier, Executor executor, IServiceProvider services, CancellationToken ct)
    {
        // An unknown flow and a wrong key get the same answer, Kestra's for an unknown flow, so that anonymous callers
        // cannot list flows (Kestra answers "Webhook not found" for a wrong key).
        var flow = await flows.FindAsync(@namespace, flowId, null, ct);
        if (flow is null || FindTrigger(flow, key, services) is not { } trigger)
        {
            throw new NotFoundException("Flow not found");
        }

        var state = await services.GetRequiredService<ITriggerStateRepository>().GetAsync(@namespace, flowId, trigger.Id, ct);
        if (flow.Disabled || trigger.Disabled || state?.Disabled == true)
        {
            throw new ConflictException($"Cannot execute a disabled flow or trigger: '{@namespace}.{flowId}' webhook '{trigger.Id}'");
        }

        var limit = services.GetRequiredService<TriggerOptions>().MaxWebhookBodySize;
        var request = await WebhookRequest.ReadAsync(http.Request, limit, ct);
        if (request is null)
        {
            return Error(http, StatusCodes.Status413PayloadTooLarge, $"Request Entity Too Large: the webhook body is larger than {limit} bytes");
        }

        if (trigger.Secret is { } secret && !request.IsSignedWith(Render(secret, flow, services), http.Request))
        {
            return Error(http, StatusCodes.Status401Unauthorized, "Unauthorized: missing or invalid X-Merlin-Signature (sha256=<hex HMAC-SHA256 of the body>)");
        }

        var variables = new Dictionary<string, object?>
        {
            ["body"] = request.ParsedBody(services.GetRequiredService<LimitOptions>()),
            ["headers"] = request.Headers,
            ["parameters"] = request.Parameters,
        };
        var context = TriggerRendering.Variables(flow, variables);
        if (!services.GetRequiredService<ConditionEvaluator>().All(trigger.Conditions, new ConditionContext(flow, context)))
        {
            return Results.NoContent();
        }

        var execution = await executions.CreateAsync(new ExecutionRequest
        {
            Namespace = flow.Namespace,
            FlowId = flow.Id,
            Revision = flow.Revision,
            Inputs = QueryInputs(flow, http.Request),
            Trigger = new ExecutionTrigger(trigger.Id, trigger.Type, variables),
            TypedInputs = false,
            CorrelationId = false,
        }, ct);
        if (trigger.Wait == true)
        {
            execution = await notifier.WaitAsync(execution.Id, c => executor.GetAsync(execution.Id, c), ct);
            if (trigger.ReturnOutputs == true && execution.State.Current is StateType.SUCCESS or StateType.WARNING)
            {
                return Results.Text(JsonSerializer.Serialize(execution.Outputs ?? new Dictionary<string, object?>(), KestraJson.Options), "application/json");
            }
        }

        return ExecutionJson.Result(execution, services.GetRequiredService<PublicUrl>().Value);
    }

    /// <summary>The Webhook trigger whose rendered, trimmed key equals the path key (compared in constant time).</summary>
    private static WebhookTrigger? FindTrigger(Flow flow, string key, IServiceProvider services)
    {
        var wanted = Encoding.UTF8.GetBytes(key);
        foreach (var trigger in flow.Triggers.OfType<WebhookTrigger>())
        {
            string rendered;
            try
            {
                rendered = Render(trigger.Key, flow, services).Trim();
            }
            catch (TemplateException)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(rendered), wanted))
            {
                return trigger;
            }
        }

        return null;
    }

    private static string Render(string template, Flow flow, IServiceProvider services) =>
        services.GetRequiredService<TemplateEngine>().Render(template, new TemplateContext(
            TriggerRendering.Variables(flow, new Dictionary<string, object?>()),
            new TriggerTemplateHost(flow.Namespace, services.GetRequiredService<IKvStore>(), services.GetRequiredService<SecretStore>())));

    /// <summary>Query parameters named like a declared input become raw (untyped) inputs, as Kestra's webhook executions are.</summary>
    private static Dictionary<string, InputValue> QueryInputs(Flow flow, HttpRequest request) =>
        flow.Inputs.Where(i => request.Query.ContainsKey(i.Id))
            .ToDictionary(i => i.Id, i => (InputValue)new InputValue.Text(request.Query[i.Id].ToString()));

    private static IResult Error(HttpContext http, int status, string message) =>
        Results.Json(ApiError.Of(message, http.Request.Path.Value ?? "/"), KestraJson.Options, statusCode: status);
}
