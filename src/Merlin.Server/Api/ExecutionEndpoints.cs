using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Server.Hosting;

namespace Merlin.Server.Api;

/// <summary>Kestra's <c>/api/v1/executions</c> routes.</summary>
internal static class ExecutionEndpoints
{
    public static void MapExecutionEndpoints(this IEndpointRouteBuilder app)
    {
        var executions = app.MapGroup("/api/v1/executions");

        executions.MapPost("/{namespace}/{flowId}", CreateAsync).DisableAntiforgery();

        executions.MapGet("/search", async (HttpRequest request, IExecutionRepository repository, CancellationToken ct) =>
        {
            var query = ExecutionSearch.Parse(request.Query);
            var page = await repository.SearchAsync(query, ct);
            return Results.Json(new { results = page.Results.Select(ExecutionJson.Masked), total = page.Total }, ApiJson.Options);
        });

        executions.MapGet("/{id}", async (string id, ExecutionQueries queries, CancellationToken ct) =>
            ExecutionJson.Result(await queries.GetAsync(id, ct) ?? throw NotFound(id)));

        executions.MapDelete("/{id}", async (string id, ExecutionCommands commands, CancellationToken ct) =>
        {
            await commands.DeleteAsync(id, ct);
            return Results.NoContent();
        });

        executions.MapDelete("/{id}/kill", async (string id, ExecutionCommands commands, CancellationToken ct) =>
        {
            await commands.KillAsync(id, ct);
            return Results.Accepted();
        });

        executions.MapGet("/{id}/file", async (string id, string path, ExecutionQueries queries, ExecutionFileAccess files, CancellationToken ct) =>
        {
            var execution = await queries.GetAsync(id, ct) ?? throw NotFound(id);
            try
            {
                return Results.File(await files.OpenAsync(execution, path, ct), "application/octet-stream", Path.GetFileName(path));
            }
            catch (FileAccessDeniedException)
            {
                // Outside the execution's reach: the same answer as a missing file, so nothing is disclosed.
                throw new NotFoundException($"File '{path}' does not belong to execution '{id}'");
            }
            catch (FileNotFoundException)
            {
                throw new NotFoundException($"File '{path}' not found");
            }
        });

        executions.MapGet("/{id}/follow", async (string id, HttpContext http, ExecutionQueries queries, IExecutionChanges notifier, CancellationToken ct) =>
        {
            var changes = notifier.Follow(id, ct);
            var execution = await queries.GetAsync(id, ct) ?? throw NotFound(id);
            await ServerSentEvents.StartAsync(http.Response, ct);
            await ServerSentEvents.WriteAsync(http.Response, ExecutionJson.Text(execution), ct);
            if (execution.State.IsTerminated)
            {
                return;
            }

            await foreach (var change in changes.ReadAllAsync(ct))
            {
                await ServerSentEvents.WriteAsync(http.Response, ExecutionJson.Text(change), ct);
            }
        });
    }

    /// <summary>
    /// "Execute a flow" for a request that matched an action route (<c>POST /executions/io.kestra.tests/pause</c>) while no
    /// execution has that id and a flow of that namespace has that id: the query is bound as the create route binds it.
    /// </summary>
    internal static Task<IResult> ExecuteFlowAsync(HttpContext http, string @namespace, string flowId)
    {
        var query = http.Request.Query;
        var services = http.RequestServices;
        return CreateAsync(@namespace, flowId, http.Request,
            int.TryParse(query["revision"], out var revision) ? revision : null,
            bool.TryParse(query["wait"], out var wait) ? wait : null,
            query["labels"].OfType<string>().ToArray(),
            DateTimeOffset.TryParse(query["scheduleDate"], System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : null,
            services.GetRequiredService<FlowService>(), services.GetRequiredService<ExecutionService>(), services.GetRequiredService<ExecutionCommands>(),
            services.GetRequiredService<ExecutionQueries>(), services.GetRequiredService<IExecutionRepository>(), services.GetRequiredService<PublicUrl>(),
            http.RequestAborted);
    }

    private static async Task<IResult> CreateAsync(string @namespace, string flowId, HttpRequest request, int? revision, bool? wait,
        [Microsoft.AspNetCore.Mvc.FromQuery] string[]? labels, DateTimeOffset? scheduleDate, FlowService flows, ExecutionService service, ExecutionCommands commands,
        ExecutionQueries queries, IExecutionRepository repository, PublicUrl publicUrl, CancellationToken ct)
    {
        // Kestra's words for a missing (or deleted) flow; an unknown revision keeps the message that names it.
        var flow = revision is null
            ? await flows.FindAsync(@namespace, flowId, null, ct) is { Deleted: false } latest ? latest : throw new NotFoundException("Requested Flow is not found.")
            : await flows.GetAsync(@namespace, flowId, revision, ct);
        var id = service.NewId(flow);
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 0
            && await repository.ClaimIdempotencyKeyAsync($"{@namespace}/{flowId}/{idempotencyKey}", id, DateTimeOffset.UtcNow, TimeSpan.FromHours(24), ct) is { } firstId)
        {
            // The same key again: answer with the first execution; if that one was refused, retry under its id.
            if (await queries.GetAsync(firstId, ct) is { } first)
            {
                return ExecutionJson.Result(first, publicUrl.Value);
            }

            id = firstId;
        }

        var (inputs, files) = await ExecutionInputs.ReadAsync(request, flow, ct);
        var creation = new ExecutionRequest
        {
            Id = id,
            Namespace = @namespace,
            FlowId = flowId,
            Revision = flow.Revision,
            Inputs = inputs,
            Files = files,
            Labels = (labels ?? []).Select(FlowEndpoints.ParseLabel).Select(l => new Label(l.Key, l.Value)).ToList(),
            ScheduleDate = scheduleDate,
            AwaitCommit = wait != true,
        };
        var execution = wait == true
            ? await commands.CreateAndWaitAsync(id, () => service.CreateAsync(creation, ct), ct)
            : await service.CreateAsync(creation, ct);
        return ExecutionJson.Result(execution, publicUrl.Value);
    }

    private static NotFoundException NotFound(string id) => new($"Execution '{id}' not found");
}
