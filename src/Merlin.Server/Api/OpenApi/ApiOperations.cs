using System.Collections.Frozen;
using System.Text.Json;
using Merlin.Client.Models;
using Microsoft.OpenApi;
using static Merlin.Server.Api.OpenApi.ApiResponse;
using KvEntry = Merlin.Client.Models.KvEntry;
using LogEntry = Merlin.Client.Models.LogEntry;
using MetricEntry = Merlin.Client.Models.MetricEntry;

namespace Merlin.Server.Api.OpenApi;

/// <summary>
/// The typed description of every route, by "METHOD /path" as routed. The schemas are the models of
/// <c>Merlin.Client</c>, so the document, the client and the server's JSON are one contract (tests check all three);
/// a route missing here fails <c>OpenApiDocumentTests</c>.
/// </summary>
internal static class ApiOperations
{
    private static readonly ApiBody[] Yaml = [ApiBody.Yaml];
    private static readonly ApiBody[] Inputs = [ApiBody.InputsForm, ApiBody.AnyJson];
    private static readonly ApiBody[] WebhookBody = [ApiBody.AnyJson, ApiBody.Text];
    private static readonly ApiResponse WebhookAnswer = new(200,
        "The execution started (ended, with wait: true); with returnOutputs: true, the flow's outputs object instead", ApiBody.Json<Execution>());
    private static readonly ApiResponse Down = new(503, "DOWN, with what is down", ApiBody.Json<HealthStatus>());
    private static readonly ApiResponse WebhookSkipped = NoContent("The trigger's conditions did not hold: no execution");

    private static readonly ApiQueryParameter NamespaceFilter = ApiQueryParameter.Text("namespace", "Namespace, with its sub-namespaces");
    private static readonly ApiQueryParameter FlowIdFilter = ApiQueryParameter.Text("flowId", "Flow id");
    private static readonly ApiQueryParameter[] ExecutionFilters =
    [
        NamespaceFilter,
        FlowIdFilter,
        new("state", JsonSchemaType.String, "A state (RUNNING, SUCCESS, FAILED...); repeat for several", Repeated: true),
        new("labels", JsonSchemaType.String, "A label as key:value; repeat for several (all must match)", Repeated: true),
        ApiQueryParameter.Date("startDate", "Started at or after this ISO date"),
        ApiQueryParameter.Date("endDate", "Started at or before this ISO date"),
        ApiQueryParameter.Text("parentId", "Only the children of this execution: subflows, replays, Loop iterations (left out otherwise)"),
        ApiQueryParameter.Page,
        ApiQueryParameter.Size,
    ];

    private static readonly ApiQueryParameter FilePath = ApiQueryParameter.Text("path", "A path relative to the namespace, such as /dir/file.txt");

    private static readonly ApiQueryParameter[] MetricAggregateQuery =
    [
        ApiQueryParameter.Date("startDate", "From this ISO date (default 30 days before endDate)"),
        ApiQueryParameter.Date("endDate", "Until this ISO date (default now)"),
        ApiQueryParameter.Text("aggregation", "sum (default), avg, min or max"),
    ];

    private static readonly ApiQueryParameter FlowTriggerSearch = ApiQueryParameter.Text("q", "Text contained in the trigger id or the flow id");

    public static FrozenDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["GET /health"] = new("health", "Ready: store writable and components running (as /health/readiness)", [], Ok<HealthStatus>("UP"), Down),
        ["GET /health/liveness"] = new("liveness", "The process answers", Ok<HealthStatus>("UP")),
        ["GET /health/readiness"] = new("readiness", "Ready: store writable and components running", [], Ok<HealthStatus>("UP"), Down),
        ["GET /api/v1/configs"] = new("getConfigs", "What a UI needs before login", Ok<ServerConfig>()),

        ["POST /api/v1/flows"] = new("createFlow", "Create a flow from its YAML source", Yaml, Ok<Flow>()),
        ["POST /api/v1/flows/validate"] = new("validateFlows", "Validate YAML documents (separated by ---) without saving them", Yaml, Ok<List<FlowValidation>>()),
        ["POST /api/v1/flows/bulk"] = new("bulkUpdateFlows", "Create or update several flows (documents separated by ---); ?namespace=&delete=true deletes the others", Yaml, Ok<List<Flow>>()),
        ["GET /api/v1/flows/search"] = new("searchFlows", "Search flows by text, namespace prefix and labels", Ok<PagedResults<Flow>>()),
        ["GET /api/v1/flows/{namespace}"] = new("listFlowsByNamespace", "The flows of one namespace", Ok<List<Flow>>()),
        ["GET /api/v1/flows/{namespace}/{id}"] = new("getFlow", "A flow (latest revision, or ?revision=), with ?source=true its YAML", Ok<Flow>()),
        ["PUT /api/v1/flows/{namespace}/{id}"] = new("updateFlow", "Replace a flow's source; an unchanged source makes no revision", Yaml, Ok<Flow>()),
        ["DELETE /api/v1/flows/{namespace}/{id}"] = new("deleteFlow", "Delete a flow", NoContent()),
        ["GET /api/v1/flows/{namespace}/{id}/revisions"] = new("listFlowRevisions", "Every revision of a flow, with sources", Ok<List<Flow>>()),

        ["POST /api/v1/executions/{namespace}/{flowId}"] = new("createExecution",
            "Start an execution: inputs as form fields and files (or a JSON object); ?wait=true answers at the end", Inputs, Ok<Execution>()),
        ["GET /api/v1/executions/search"] = new("searchExecutions",
            "Search executions by namespace, flowId, state, labels, startDate, endDate (page, size)", Ok<PagedResults<Execution>>())
        { Query = ExecutionFilters },
        ["GET /api/v1/executions/{id}"] = new("getExecution", "An execution with its task runs", Ok<Execution>()),
        ["DELETE /api/v1/executions/{id}"] = new("deleteExecution", "Delete a terminated execution with its logs, metrics and files", NoContent()),
        ["DELETE /api/v1/executions/{id}/kill"] = new("killExecution", "Kill a running execution", new ApiResponse(202, "Kill requested")),
        ["POST /api/v1/executions/{id}/restart"] = new("restartExecution", "Restart a FAILED execution from its failed tasks", Ok<Execution>()),
        ["POST /api/v1/executions/{id}/resume"] = new("resumeExecution", "Resume a PAUSED execution, with the Pause task's onResume inputs", Inputs, NoContent("Resumed")),
        ["GET /api/v1/executions/{id}/file"] = new("downloadExecutionFile", "Download a file of the execution (?path=kestra:///...)", new ApiResponse(200, "The file", ApiBody.Binary)),
        ["GET /api/v1/executions/{id}/follow"] = new("followExecution", "Server-sent events: the execution now, then at each change until its end",
            new ApiResponse(200, "One execution per event", ApiBody.Events<Execution>())),
        ["GET /api/v1/executions/webhook/{namespace}/{flowId}/{key}"] = new("triggerWebhookGet", "Start a flow through its Webhook trigger", [], WebhookAnswer, WebhookSkipped),
        ["POST /api/v1/executions/webhook/{namespace}/{flowId}/{key}"] = new("triggerWebhook", "Start a flow through its Webhook trigger, with a payload", WebhookBody, WebhookAnswer, WebhookSkipped),
        ["PUT /api/v1/executions/webhook/{namespace}/{flowId}/{key}"] = new("triggerWebhookPut", "Start a flow through its Webhook trigger, with a payload", WebhookBody, WebhookAnswer, WebhookSkipped),

        ["POST /api/v1/executions/{id}/replay"] = new("replayExecution",
            "Create a new execution from an old one, from the start or from a task run (?taskRunId=, ?revision=)", Ok<Execution>()),
        ["POST /api/v1/executions/{id}/pause"] = new("pauseExecution", "Pause a running execution", new ApiResponse(200, "Paused")),
        ["POST /api/v1/executions/{id}/change-status"] = new("updateExecutionStatus",
            "Change the state of a terminated execution to another terminal state (?status=)", Ok<Execution>()),
        ["POST /api/v1/executions/{id}/labels"] = new("setLabelsOnTerminatedExecution", "Add or replace labels of a terminated execution",
            [ApiBody.Json<List<Label>>()], Ok<Execution>()),
        ["POST /api/v1/executions/{id}/eval/{taskRunId}"] = new("evalTaskRunExpression", "Render a template against the context a task run saw",
            [ApiBody.Text], Ok<TemplateEvaluation>()),

        ["GET /api/v1/namespaces/{namespace}/kv"] = new("listKvKeys", "The keys of a namespace's KV store (expired ones hidden)", Ok<List<KvEntry>>()),
        ["GET /api/v1/namespaces/{namespace}/kv/{key}"] = new("getKvValue", "A KV value and its type", Ok<KvValue>()),
        ["PUT /api/v1/namespaces/{namespace}/kv/{key}"] = new("setKvValue", "Set a KV value: one JSON value (or an unquoted date); header ttl: PT5M to expire",
            [ApiBody.AnyJson, ApiBody.Text], new ApiResponse(200, "Stored")),
        ["DELETE /api/v1/namespaces/{namespace}/kv/{key}"] = new("deleteKvValue", "Delete a key: whether it existed", Ok<bool>()),
        ["DELETE /api/v1/namespaces/{namespace}/kv"] = new("deleteKvValues", "Delete several keys: the ones that existed", [ApiBody.Json<KvKeys>()], Ok<KvKeys>()),

        ["GET /api/v1/namespaces/{namespace}/files"] = new("getNamespaceFile", "Download a namespace file (?path=)", new ApiResponse(200, "The file", ApiBody.Binary)) { Query = [FilePath] },
        ["POST /api/v1/namespaces/{namespace}/files"] = new("createNamespaceFile", "Upload a namespace file to ?path= (a .zip is extracted, path ignored)",
            [ApiBody.FileForm], new ApiResponse(200, "Stored"))
        { Query = [FilePath] },
        ["PUT /api/v1/namespaces/{namespace}/files"] = new("moveNamespaceFile", "Move a namespace file or directory (?from=, ?to=)", new ApiResponse(200, "Moved"))
        {
            Query = [ApiQueryParameter.Text("from", "The current path"), ApiQueryParameter.Text("to", "The new path")],
        },
        ["DELETE /api/v1/namespaces/{namespace}/files"] = new("deleteNamespaceFile", "Delete a namespace file or directory (?path=); parents left empty go too",
            new ApiResponse(200, "Deleted"))
        { Query = [FilePath] },
        ["GET /api/v1/namespaces/{namespace}/files/directory"] = new("listNamespaceDirectory", "The entries of a namespace directory (?path=, default the root)",
            Ok<List<NamespaceFileAttributes>>())
        { Query = [FilePath] },
        ["POST /api/v1/namespaces/{namespace}/files/directory"] = new("createNamespaceDirectory", "Create a namespace directory (?path=)",
            new ApiResponse(200, "Created"))
        { Query = [FilePath] },
        ["GET /api/v1/namespaces/{namespace}/files/stats"] = new("getNamespaceFileStats", "A namespace file's or directory's attributes (?path=)",
            Ok<NamespaceFileAttributes>())
        { Query = [FilePath] },
        ["GET /api/v1/namespaces/{namespace}/files/search"] = new("searchNamespaceFiles", "The paths of the namespace files containing ?q=", Ok<List<string>>())
        {
            Query = [ApiQueryParameter.Text("q", "Text contained in the path")],
        },
        ["GET /api/v1/namespaces/{namespace}/files/export"] = new("exportNamespaceFiles", "Every namespace file in one zip",
            new ApiResponse(200, "A zip of the files", ApiBody.Binary)),

        ["GET /api/v1/logs/{executionId}"] = new("listLogs", "The logs of an execution (?minLevel=, ?taskRunId=)", Ok<List<LogEntry>>()),
        ["GET /api/v1/logs/{executionId}/download"] = new("downloadLogs", "The logs as text, one line per entry", new ApiResponse(200, "Log lines", ApiBody.Text)),
        ["GET /api/v1/logs/{executionId}/follow"] = new("followLogs", "Server-sent events: every log line until the execution ends",
            new ApiResponse(200, "One log entry per event", ApiBody.Events<LogEntry>())),

        ["GET /api/v1/metrics/{executionId}"] = new("listExecutionMetrics", "The metrics of an execution, of one task run or one task (page, size, sort)",
            Ok<PagedResults<MetricEntry>>())
        {
            Query =
            [
                ApiQueryParameter.Page,
                ApiQueryParameter.Size,
                new("sort", JsonSchemaType.String, "field:asc or field:desc (timestamp, name, value, taskId, taskRunId...); repeat for several", Repeated: true),
                ApiQueryParameter.Text("taskRunId", "Only this task run's metrics"),
                ApiQueryParameter.Text("taskId", "Only this task's metrics"),
            ],
        },
        ["GET /api/v1/metrics/names/{namespace}/{flowId}"] = new("listFlowMetrics", "The names of the metrics a flow recorded", Ok<List<string>>()),
        ["GET /api/v1/metrics/names/{namespace}/{flowId}/{taskId}"] = new("listTaskMetrics", "The names of the metrics a task of a flow recorded", Ok<List<string>>()),
        ["GET /api/v1/metrics/tasks/{namespace}/{flowId}"] = new("listTasksWithMetrics", "The ids of a flow's tasks that recorded metrics (deleted or renamed ones included)",
            Ok<List<string>>()),
        ["GET /api/v1/metrics/aggregates/{namespace}/{flowId}/{metric}"] = new("aggregateMetricsFromFlow",
            "A metric of a flow aggregated per period (minute to month, after the range), 0 where nothing was recorded", Ok<MetricAggregations>())
        { Query = MetricAggregateQuery },
        ["GET /api/v1/metrics/aggregates/{namespace}/{flowId}/{taskId}/{metric}"] = new("aggregateMetricsFromTask",
            "A metric of a flow's task aggregated per period (minute to month, after the range), 0 where nothing was recorded", Ok<MetricAggregations>())
        { Query = MetricAggregateQuery },

        ["GET /api/v1/triggers/search"] = new("searchTriggers", "Search triggers with their state (namespace, flowId, q, page, size)", Ok<PagedResults<TriggerRow>>())
        {
            Query = [NamespaceFilter, FlowIdFilter, FlowTriggerSearch, ApiQueryParameter.Page, ApiQueryParameter.Size],
        },
        ["GET /api/v1/triggers/{namespace}/{flowId}"] = new("listFlowTriggers", "The triggers of a flow with their state", Ok<PagedResults<TriggerRow>>())
        {
            Query = [FlowTriggerSearch, ApiQueryParameter.Page, ApiQueryParameter.Size],
        },
        ["PUT /api/v1/triggers"] = new("updateTrigger", "Enable or disable a trigger", [ApiBody.Json<TriggerReference>()], Ok<TriggerContext>()),
        ["POST /api/v1/triggers/set-disabled/by-triggers"] = new("setTriggersDisabled", "Enable or disable several triggers",
            [ApiBody.Json<SetTriggersDisabledRequest>()], Ok<UpdatedCount>()),
        ["POST /api/v1/triggers/{namespace}/{flowId}/{triggerId}/unlock"] = new("unlockTrigger", "Release a trigger locked by a running execution", Ok<TriggerContext>()),

        ["GET /api/v1/plugins/schemas/{type}"] = new("getPluginSchema", "The JSON Schema of a flow (flow), a task or a trigger (?arrayOf=true for a list)",
            new ApiResponse(200, "A JSON Schema (draft 7)", ApiBody.AnyJson)),

        ["POST /api/v1/tokens"] = new("createApiToken", "Create an API token; its secret is in this answer only", [ApiBody.Json<CreateApiTokenRequest>()], Ok<CreatedApiToken>()),
        ["GET /api/v1/tokens"] = new("listApiTokens", "Every API token, without secrets", Ok<List<ApiToken>>()),
        ["DELETE /api/v1/tokens/{id}"] = new("revokeApiToken", "Revoke an API token at once", NoContent("Revoked")),
    }.ToFrozenDictionary();

    /// <summary>Kestra's error body, the answer of every refused request.</summary>
    public static Type ErrorType => typeof(ApiErrorBody);

    /// <summary>The free-form JSON type used where any value is accepted.</summary>
    public static Type AnyJsonType => typeof(JsonElement);
}
