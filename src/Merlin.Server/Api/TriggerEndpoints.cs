using System.Text.Json;
using System.Text.Json.Serialization;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Core.Triggers;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Scheduler;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>/api/v1/triggers</c> routes (search, enable/disable, unlock) and the webhook route.</summary>
internal static class TriggerEndpoints
{
    public static void MapTriggerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapWebhookEndpoints();
        var triggers = app.MapGroup("/api/v1/triggers");

        triggers.MapGet("/search", (HttpRequest request, FlowService flows, ITriggerStateRepository states, CancellationToken ct) =>
            SearchAsync(request, request.Query["namespace"].FirstOrDefault(), request.Query["flowId"].FirstOrDefault(), flows, states, ct));

        triggers.MapGet("/{namespace}/{flowId}", (string @namespace, string flowId, HttpRequest request, FlowService flows, ITriggerStateRepository states, CancellationToken ct) =>
            SearchAsync(request, @namespace, flowId, flows, states, ct));

        triggers.MapPut("", async (TriggerBody body, ITriggerSwitch triggerSwitch, CancellationToken ct) =>
        {
            var state = await SetDisabledAsync(body, body.Disabled ?? false, triggerSwitch, ct);
            return Json(TriggerJson.Context(state));
        });

        triggers.MapPost("/set-disabled/by-triggers", async (SetDisabledBody body, ITriggerSwitch triggerSwitch, CancellationToken ct) =>
        {
            foreach (var trigger in body.Triggers ?? [])
            {
                await SetDisabledAsync(trigger, body.Disabled, triggerSwitch, ct);
            }

            return Json(new Dictionary<string, object?> { ["count"] = body.Triggers?.Count ?? 0 });
        });

        triggers.MapPost("/{namespace}/{flowId}/{triggerId}/unlock", async (string @namespace, string flowId, string triggerId, TriggerSwitch triggerSwitch,
            ITriggerStateRepository states, ITriggerChanges scheduler, TimeProvider clock, CancellationToken ct) =>
        {
            var (flow, trigger) = await triggerSwitch.FindAsync(@namespace, flowId, triggerId, ct);
            var state = await states.GetAsync(@namespace, flowId, triggerId, ct);
            if (state?.ExecutionId is null)
            {
                throw new ConflictException($"Trigger '{@namespace}.{flowId}.{triggerId}' is not locked");
            }

            var unlocked = state with { ExecutionId = null, Updated = clock.GetUtcNow() };
            await states.SaveAsync(unlocked, ct);
            await scheduler.PublishAsync(new TriggerKey(flow.Namespace, flow.Id, trigger.Id), ct);
            return Json(TriggerJson.Context(unlocked));
        });
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, string? @namespace, string? flowId, FlowService flows, ITriggerStateRepository states, CancellationToken ct)
    {
        var page = Math.Max(1, int.TryParse(request.Query["page"], out var p) ? p : 1);
        var size = Math.Clamp(int.TryParse(request.Query["size"], out var s) ? s : 10, 1, 1000);
        var q = request.Query["q"].FirstOrDefault();
        // The stored states of child namespaces too: the rows below cover them (Namespaces.Covers).
        var stored = (await states.ListAsync(null, flowId, ct)).ToDictionary(t => (t.Namespace, t.FlowId, t.TriggerId));
        var rows = (await flows.ListAsync(null, ct))
            .Where(f => @namespace is null || Namespaces.Covers(@namespace, f.Namespace))
            .Where(f => flowId is null || f.Id == flowId)
            .SelectMany(f => f.Triggers.Select(t => (Flow: f, Trigger: t)))
            .Where(r => q is null || r.Trigger.Id.Contains(q, StringComparison.OrdinalIgnoreCase) || r.Flow.Id.Contains(q, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Flow.Namespace, StringComparer.Ordinal).ThenBy(r => r.Flow.Id, StringComparer.Ordinal).ThenBy(r => r.Trigger.Id, StringComparer.Ordinal)
            .ToList();
        var results = rows.Skip((page - 1) * size).Take(size)
            .Select(r => TriggerJson.Row(r.Flow, r.Trigger, stored.GetValueOrDefault((r.Flow.Namespace, r.Flow.Id, r.Trigger.Id))))
            .ToList();
        return Json(new Dictionary<string, object?> { ["results"] = results, ["total"] = rows.Count });
    }

    private static Task<TriggerState> SetDisabledAsync(TriggerBody body, bool disabled, ITriggerSwitch triggerSwitch, CancellationToken ct) =>
        body is { Namespace: { } ns, FlowId: { } flowId, TriggerId: { } triggerId }
            ? triggerSwitch.SetDisabledAsync(ns, flowId, triggerId, disabled, ct)
            : throw new BadRequestException("namespace, flowId and triggerId are required");

    private static IResult Json(object value) => Results.Text(JsonSerializer.Serialize(value, KestraJson.Options), "application/json");

    internal sealed record TriggerBody(string? Namespace, string? FlowId, string? TriggerId, bool? Disabled);

    internal sealed record SetDisabledBody(List<TriggerBody>? Triggers, [property: JsonPropertyName("disabled")] bool Disabled);
}
