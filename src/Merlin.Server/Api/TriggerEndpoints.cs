using System.Text.Json;
using System.Text.Json.Serialization;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Flows;
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

        triggers.MapPut("", async (TriggerBody body, FlowService flows, ITriggerStateRepository states, Scheduler scheduler, CancellationToken ct) =>
        {
            var state = await SetDisabledAsync(body, body.Disabled ?? false, flows, states, scheduler, ct);
            return Json(TriggerJson.Context(state));
        });

        triggers.MapPost("/set-disabled/by-triggers", async (SetDisabledBody body, FlowService flows, ITriggerStateRepository states, Scheduler scheduler, CancellationToken ct) =>
        {
            foreach (var trigger in body.Triggers ?? [])
            {
                await SetDisabledAsync(trigger, body.Disabled, flows, states, scheduler, ct);
            }

            return Json(new Dictionary<string, object?> { ["count"] = body.Triggers?.Count ?? 0 });
        });

        triggers.MapPost("/{namespace}/{flowId}/{triggerId}/unlock", async (string @namespace, string flowId, string triggerId, FlowService flows,
            ITriggerStateRepository states, Scheduler scheduler, TimeProvider clock, CancellationToken ct) =>
        {
            var (flow, trigger) = await FindAsync(@namespace, flowId, triggerId, flows, ct);
            var state = await states.GetAsync(@namespace, flowId, triggerId, ct);
            if (state?.ExecutionId is null)
            {
                throw new ConflictException($"Trigger '{@namespace}.{flowId}.{triggerId}' is not locked");
            }

            var unlocked = state with { ExecutionId = null, Updated = clock.GetUtcNow() };
            await states.SaveAsync(unlocked, ct);
            scheduler.Refresh(flow.Namespace, flow.Id, trigger.Id);
            return Json(TriggerJson.Context(unlocked));
        });
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, string? @namespace, string? flowId, FlowService flows, ITriggerStateRepository states, CancellationToken ct)
    {
        var page = Math.Max(1, int.TryParse(request.Query["page"], out var p) ? p : 1);
        var size = Math.Clamp(int.TryParse(request.Query["size"], out var s) ? s : 10, 1, 1000);
        var q = request.Query["q"].FirstOrDefault();
        var stored = (await states.ListAsync(@namespace, flowId, ct)).ToDictionary(t => (t.Namespace, t.FlowId, t.TriggerId));
        var rows = (await flows.ListAsync(null, ct))
            .Where(f => @namespace is null || f.Namespace == @namespace || f.Namespace.StartsWith(@namespace + ".", StringComparison.Ordinal))
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

    private static async Task<TriggerState> SetDisabledAsync(TriggerBody body, bool disabled, FlowService flows, ITriggerStateRepository states, Scheduler scheduler, CancellationToken ct)
    {
        var (flow, trigger) = await FindAsync(body.Namespace, body.FlowId, body.TriggerId, flows, ct);
        var state = await states.GetAsync(flow.Namespace, flow.Id, trigger.Id, ct) ?? TriggerJson.Empty(flow, trigger);
        var updated = state with { Disabled = disabled, Updated = DateTimeOffset.UtcNow };
        await states.SaveAsync(updated, ct);
        scheduler.Refresh(flow.Namespace, flow.Id, trigger.Id);
        return updated;
    }

    private static async Task<(Flow Flow, TriggerDefinition Trigger)> FindAsync(string? @namespace, string? flowId, string? triggerId, FlowService flows, CancellationToken ct)
    {
        if (@namespace is null || flowId is null || triggerId is null)
        {
            throw new BadRequestException("namespace, flowId and triggerId are required");
        }

        var flow = await flows.FindAsync(@namespace, flowId, null, ct) ?? throw new NotFoundException($"Flow '{@namespace}.{flowId}' not found");
        var trigger = flow.Triggers.FirstOrDefault(t => t.Id == triggerId) ?? throw new NotFoundException($"Trigger '{triggerId}' not found on flow '{@namespace}.{flowId}'");
        return (flow, trigger);
    }

    private static IResult Json(object value) => Results.Text(JsonSerializer.Serialize(value, KestraJson.Options), "application/json");

    internal sealed record TriggerBody(string? Namespace, string? FlowId, string? TriggerId, bool? Disabled);

    internal sealed record SetDisabledBody(List<TriggerBody>? Triggers, [property: JsonPropertyName("disabled")] bool Disabled);
}
