using Merlin.Core.Engine;
using Merlin.Core.Templating;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Flows;

namespace Merlin.Server.Api;

/// <summary>
/// Kestra's <c>POST /api/v1/executions/{id}/eval/{taskRunId}</c>: renders the template in the body against the
/// execution's context as that task run saw it (flow, execution, inputs, outputs, labels, vars, taskrun). Answers
/// Kestra's <c>{result, error, stackTrace}</c>; a template error is an answer (200 with <c>error</c>), not a failure.
/// Functions that reach the server's stores (<c>secret()</c>, <c>kv()</c>, <c>read()</c>) are not available here,
/// so the debugging box cannot reveal secrets.
/// </summary>
internal static class ExecutionEvalEndpoints
{
    public static void MapExecutionEvalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/executions/{id}/eval/{taskRunId}", async (string id, string taskRunId, HttpRequest request, ExecutionQueries queries, FlowService flows, TemplateEngine templates, EngineEnvironment environment, CancellationToken ct) =>
        {
            var execution = await queries.GetAsync(id, ct) ?? throw new NotFoundException($"Unable to find execution '{id}'");
            var taskRun = execution.FindTaskRun(taskRunId) ?? throw new NotFoundException($"Unable to find task run '{taskRunId}' in execution '{id}'");
            var flow = await flows.GetAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, ct);
            var template = await RequestBody.ReadTextAsync(request, ct);
            var variables = RunVariables.For(flow, execution, flow.FindTask(taskRun.TaskId), taskRun, environment.Envs);
            try
            {
                return Results.Json(new { result = templates.Render(template, new TemplateContext(variables)), error = (string?)null, stackTrace = (string?)null }, ApiJson.Options);
            }
            catch (Exception e) when (e is TemplateException or InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException)
            {
                return Results.Json(new { result = (string?)null, error = e.Message, stackTrace = (string?)null }, ApiJson.Options);
            }
        });
    }
}
