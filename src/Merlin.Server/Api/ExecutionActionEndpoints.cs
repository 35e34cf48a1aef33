using System.Text.Json.Nodes;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's actions on one execution: <c>/api/v1/executions/{id}/resume|restart|replay|pause|labels|change-status</c>. A
/// literal last segment outranks the <c>{namespace}/{flowId}</c> of "execute a flow", so an execution id is never taken for
/// a namespace; only when no execution has that id and such a flow exists does the request run the flow.
/// </summary>
internal static class ExecutionActionEndpoints
{
    public static void MapExecutionActionEndpoints(this IEndpointRouteBuilder app)
    {
        var executions = app.MapGroup("/api/v1/executions").AddEndpointFilter(RunFlowNamedLikeTheAction);

        executions.MapPost("/{id}/resume", async (string id, HttpRequest request, ExecutionCommands commands, CancellationToken ct) =>
            {
                var declared = await commands.ResumeInputsAsync(id, ct);
                var (inputs, files) = await ExecutionInputs.ReadAsync(request, declared, ct);
                await commands.ResumeAsync(id, inputs, files, ct);
                return Results.NoContent();
            })
            .DisableAntiforgery()
            .WithName("resumeExecution").WithSummary("Resume a paused execution, with the onResume inputs of its Pause task");

        executions.MapPost("/{id}/restart", async (string id, ExecutionCommands commands, CancellationToken ct) =>
                ExecutionJson.Result(await commands.RestartAsync(id, ct)))
            .WithName("restartExecution").WithSummary("Restart a terminated execution from its failed task runs (same id)");

        executions.MapPost("/{id}/replay", async (string id, string? taskRunId, int? revision, ExecutionCommands commands, CancellationToken ct) =>
                ExecutionJson.Result(await commands.ReplayAsync(id, taskRunId, revision, ct)))
            .WithName("replayExecution").WithSummary("Create a new execution from an old one, from the start or from a task run");

        executions.MapPost("/{id}/pause", async (string id, ExecutionCommands commands, CancellationToken ct) =>
            {
                await commands.PauseAsync(id, ct);
                return Results.Ok();
            })
            .WithName("pauseExecution").WithSummary("Pause a running execution");

        executions.MapPost("/{id}/change-status", async (string id, string? status, ExecutionCommands commands, CancellationToken ct) =>
                ExecutionJson.Result(await commands.ChangeStatusAsync(id, ParseStatus(status), ct)))
            .WithName("updateExecutionStatus").WithSummary("Change the state of a terminated execution to another terminal state");

        executions.MapPost("/{id}/labels", async (string id, HttpRequest request, ExecutionCommands commands, CancellationToken ct) =>
            {
                var labels = await ReadLabelsAsync(request, ct);
                var updated = await commands.SetLabelsAsync(id, labels, ct);

                // Kestra answers a running execution with a bare 400 and this plain text, not its error body.
                return updated is null
                    ? Results.Text("The execution is not terminated", "text/plain", statusCode: StatusCodes.Status400BadRequest)
                    : ExecutionJson.Result(updated);
            })
            .WithName("setLabelsOnTerminatedExecution").WithSummary("Add or replace labels of a terminated execution");
    }

    /// <summary>
    /// An id that is no execution but a namespace holding a flow named like the action (Kestra's own tests run a flow
    /// <c>io.kestra.tests.pause</c>): the request is the "execute a flow" it looks like. An execution id always wins.
    /// </summary>
    private static async ValueTask<object?> RunFlowNamedLikeTheAction(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues["id"] is string id && http.Request.Path.Value?.Split('/')[^1] is { Length: > 0 } action)
        {
            var services = http.RequestServices;
            if (await services.GetRequiredService<ExecutionQueries>().GetAsync(id, http.RequestAborted) is null
                && await services.GetRequiredService<Runtime.Flows.FlowService>().FindAsync(id, action, null, http.RequestAborted) is { Deleted: false })
            {
                return await ExecutionEndpoints.ExecuteFlowAsync(http, id, action);
            }
        }

        return await next(context);
    }

    private static StateType ParseStatus(string? status)
    {
        if (string.IsNullOrEmpty(status))
        {
            throw new BadRequestException("Required QueryValue [status] not specified");
        }

        return Enum.TryParse<StateType>(status, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new BadRequestException($"Failed to convert argument [status] for value [{status}]");
    }

    /// <summary>A JSON list of <c>{key, value}</c>; a missing key or value is refused (422) as Kestra's validation does.</summary>
    private static async Task<List<Label>> ReadLabelsAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonArray
                   ?? throw new InvalidEntityException("labels must be a JSON list of {key, value}");
        return body.Select((label, i) =>
            (string?)label?["key"] is { } key && (string?)label["value"] is { } value
                ? new Label(key, value)
                : throw new InvalidEntityException($"labels[{i}]: key and value must not be null", [($"labels[{i}]", "must not be null")])).ToList();
    }
}
