using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Flows;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>/api/v1/flows</c> routes.</summary>
internal static class FlowEndpoints
{
    public static void MapFlowEndpoints(this IEndpointRouteBuilder app)
    {
        var flows = app.MapGroup("/api/v1/flows");

        flows.MapPost("", async (HttpRequest request, FlowService service, CancellationToken ct) =>
            Results.Json(FlowJson.Of(await service.CreateAsync(await RequestBody.ReadTextAsync(request, ct), ct), withSource: true), ApiJson.Options));

        flows.MapPost("/validate", async (HttpRequest request, FlowService service, CancellationToken ct) =>
        {
            var documents = FlowParser.SplitDocuments(await RequestBody.ReadTextAsync(request, ct));
            return Results.Json(documents.Select((source, index) => Validate(service, source, index)).ToList(), ApiJson.Options);
        });

        flows.MapPost("/bulk", async (HttpRequest request, FlowService service, string? @namespace, bool? delete, CancellationToken ct) =>
        {
            var documents = FlowParser.SplitDocuments(await RequestBody.ReadTextAsync(request, ct));
            var parsed = documents.Select(service.Parse).ToList(); // all valid before any is written
            if (@namespace is not null && parsed.FirstOrDefault(f => f.Namespace != @namespace) is { } outside)
            {
                throw new InvalidEntityException($"flow '{outside.Id}' is not in namespace '{@namespace}'");
            }

            var saved = new List<Flow>();
            foreach (var flow in parsed)
            {
                saved.Add(await service.SaveAsync(flow, ct));
            }

            if (delete == true && @namespace is not null)
            {
                var keep = saved.Select(f => f.Id).ToHashSet();
                foreach (var stale in (await service.ListAsync(@namespace, ct)).Where(f => !keep.Contains(f.Id)))
                {
                    await service.DeleteAsync(stale.Namespace, stale.Id, ct);
                }
            }

            return Results.Json(saved.Select(f => FlowJson.Of(f, withSource: true)).ToList(), ApiJson.Options);
        });

        flows.MapGet("/search", async (FlowService service, string? q, string? @namespace, string[]? labels, int? page, int? size, CancellationToken ct) =>
        {
            var wanted = (labels ?? []).Select(ParseLabel).ToList();
            var matches = (await service.ListAsync(null, ct))
                .Where(f => q is null || f.Id.Contains(q, StringComparison.OrdinalIgnoreCase) || f.Namespace.Contains(q, StringComparison.OrdinalIgnoreCase))
                .Where(f => @namespace is null || Namespaces.Covers(@namespace, f.Namespace))
                .Where(f => wanted.All(l => f.Labels.Any(fl => fl.Key == l.Key && fl.Value == l.Value)))
                .OrderBy(f => f.Namespace, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal)
                .ToList();
            var pageSize = Math.Clamp(size ?? 10, 1, 1000);
            var skip = (Math.Max(page ?? 1, 1) - 1) * pageSize;
            var results = matches.Skip(skip).Take(pageSize).Select(f => FlowJson.Of(f, withSource: false)).ToList();
            return Results.Json(new { results, total = matches.Count }, ApiJson.Options);
        });

        flows.MapGet("/{namespace}", async (string @namespace, FlowService service, CancellationToken ct) =>
            Results.Json((await service.ListAsync(@namespace, ct)).Select(f => FlowJson.Of(f, withSource: false)).ToList(), ApiJson.Options));

        flows.MapGet("/{namespace}/{id}", async (string @namespace, string id, int? revision, bool? source, FlowService service, CancellationToken ct) =>
            Results.Json(FlowJson.Of(await service.GetAsync(@namespace, id, revision, ct), source == true), ApiJson.Options));

        flows.MapGet("/{namespace}/{id}/revisions", async (string @namespace, string id, FlowService service, CancellationToken ct) =>
            Results.Json((await service.GetRevisionsAsync(@namespace, id, ct)).Select(f => FlowJson.Of(f, withSource: true)).ToList(), ApiJson.Options));

        flows.MapPut("/{namespace}/{id}", async (string @namespace, string id, HttpRequest request, FlowService service, CancellationToken ct) =>
            Results.Json(FlowJson.Of(await service.UpdateAsync(@namespace, id, await RequestBody.ReadTextAsync(request, ct), ct), withSource: true), ApiJson.Options));

        flows.MapDelete("/{namespace}/{id}", async (string @namespace, string id, FlowService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(@namespace, id, ct);
            return Results.NoContent();
        });
    }

    private static Dictionary<string, object?> Validate(FlowService service, string source, int index)
    {
        var result = new Dictionary<string, object?> { ["index"] = index, ["outdated"] = false, ["deprecationPaths"] = Array.Empty<string>(), ["warnings"] = Array.Empty<string>(), ["infos"] = Array.Empty<string>() };
        try
        {
            var flow = service.Parse(source);
            result["flow"] = flow.Id;
            result["namespace"] = flow.Namespace;
        }
        catch (FlowValidationException e)
        {
            result["constraints"] = e.Message;
        }

        return result;
    }

    internal static (string Key, string Value) ParseLabel(string label)
    {
        var separator = label.IndexOf(':', StringComparison.Ordinal);
        return separator <= 0
            ? throw new BadRequestException($"invalid label '{label}': expected key:value")
            : (label[..separator], label[(separator + 1)..]);
    }
}
