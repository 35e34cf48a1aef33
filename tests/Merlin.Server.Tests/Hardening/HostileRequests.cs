using System.Net.Http.Headers;
using System.Text;

namespace Merlin.Server.Tests.Hardening;

/// <summary>
/// The malformed requests of issue 10 (each once answered 500 or with an empty body) and their neighbours:
/// broken YAML and flows, broken JSON and multipart bodies, traversal paths, unknown routes and methods,
/// over-long URLs, bad parameters.
/// </summary>
public static class HostileRequests
{
    public const string Namespace = "hostile";
    public const string UploadFlow = "id: upload\nnamespace: hostile\ninputs:\n  - id: file\n    type: FILE\n    required: false\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
    private const string Log = "tasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";

    public static IReadOnlyList<HostileRequest> All { get; } =
    [
        Yaml("yaml that does not parse", "api/v1/flows", "id: [x", 422),
        Yaml("flow without tasks", "api/v1/flows", "id: no_tasks\nnamespace: hostile", 422),
        Yaml("flow without id", "api/v1/flows", "namespace: hostile\n" + Log, 422),
        Yaml("flow without namespace", "api/v1/flows", "id: no_namespace\n" + Log, 422),
        Yaml("flow update without tasks", "api/v1/flows/hostile/upload", "id: upload\nnamespace: hostile", 422, HttpMethod.Put),
        Yaml("bulk with a flow without id", "api/v1/flows/bulk", "namespace: hostile\n" + Log, 422),
        Yaml("empty flow", "api/v1/flows", "", 400),
        Yaml("flow that is a list", "api/v1/flows", "- a\n- b", 422),
        Yaml("two flows where one is expected", "api/v1/flows", "id: a\nnamespace: hostile\n" + Log + "---\nid: b\nnamespace: hostile\n" + Log, 422),
        Yaml("flow with a null task", "api/v1/flows", "id: nulls\nnamespace: hostile\ntasks: [null]", 422),
        Yaml("flow with a null input", "api/v1/flows", "id: nulls\nnamespace: hostile\ninputs: [null]\n" + Log, 422),
        Yaml("flow with a null trigger", "api/v1/flows", "id: nulls\nnamespace: hostile\ntriggers: [null]\n" + Log, 422),
        Yaml("flow with a null error task", "api/v1/flows", "id: nulls\nnamespace: hostile\nerrors: [null]\n" + Log, 422),
        Yaml("flow with a null output", "api/v1/flows", "id: nulls\nnamespace: hostile\noutputs: [null]\n" + Log, 422),
        Yaml("Parallel with null tasks", "api/v1/flows", "id: nulls\nnamespace: hostile\ntasks:\n  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks: null\n", 422),
        Yaml("Switch with a null case", "api/v1/flows", "id: nulls\nnamespace: hostile\ntasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Switch\n    value: a\n    cases: {a: null}\n", 422),
        Yaml("Dag with a null task", "api/v1/flows", "id: nulls\nnamespace: hostile\ntasks:\n  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks: [null]\n", 422),
        Yaml("flow in namespace a..b", "api/v1/flows", "id: upload\nnamespace: a..b\ninputs:\n  - id: file\n    type: FILE\n" + Log, 422),
        Bytes("invalid UTF-8 in JSON inputs", HttpMethod.Post, "api/v1/executions/hostile/upload", "application/json", [.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8], 400),
        Bytes("invalid UTF-8 in a token request", HttpMethod.Post, "api/v1/tokens", "application/json", [.. "{\"name\":\""u8, 0xFF, 0xFE, .. "\"}"u8], 400),
        Text("truncated JSON inputs", HttpMethod.Post, "api/v1/executions/hostile/upload", "application/json", "{\"a\":", 400),
        Text("JSON inputs that are a list", HttpMethod.Post, "api/v1/executions/hostile/upload", "application/json", "[1,2]", 400),
        Text("truncated multipart", HttpMethod.Post, "api/v1/executions/hostile/upload", "multipart/form-data; boundary=XX",
            "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello", 400),
        Text("multipart without boundary", HttpMethod.Post, "api/v1/executions/hostile/upload", "multipart/form-data", "--XX\r\n", 400),
        Text("token expiring 'tomorrow'", HttpMethod.Post, "api/v1/tokens", "application/json", "{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}", 400),
        Text("token without a name", HttpMethod.Post, "api/v1/tokens", "application/json", "{}", 422),
        Text("token request that is not JSON", HttpMethod.Post, "api/v1/tokens", "text/plain", "x", 400),
        Text("trigger update as text/plain", HttpMethod.Put, "api/v1/triggers", "text/plain", "x", 415),
        Download("download with %2e%2e", t => t.Prefix + "%2e%2e/%2e%2e/%2e%2e/x.txt", 400),
        Download("download with ..", t => t.Prefix + "../../x.txt", 400),
        Download("download with //", t => t.Prefix + "/" + FileName(t), 400),
        Download("download with %00", t => t.FileUri + "%00", 400),
        Download("download with ./", t => t.Prefix + "./" + FileName(t), 400),
        Download("download with a backslash", t => t.Prefix + "a%5C" + FileName(t), 400),
        Download("download of another scheme", _ => "file:///etc/passwd", 404),
        Get("download without a path", t => $"api/v1/executions/{t.ExecutionId}/file", 400),
        Get("unknown API route", _ => "api/v1/nope", 404),
        Get("unknown route", _ => "nope/nope", 404),
        Get("unknown execution", _ => "api/v1/executions/nope", 404),
        Get("unknown flow", _ => "api/v1/flows/hostile/nope", 404),
        Get("logs of an unknown execution follow", _ => "api/v1/logs/nope/follow", 404),
        Get("execution search with an unknown state", _ => "api/v1/executions/search?state=NOPE", 400),
        Get("flow revision that is not a number", _ => "api/v1/flows/hostile/upload?revision=abc", 400),
        Get("query longer than the URL limit", _ => "api/v1/flows/search?q=" + new string('a', 20_000), 414),
        Get("path longer than the URL limit", _ => "api/v1/flows/" + new string('a', 20_000) + "/x", 414),
        Get("NUL in a path", _ => "api/v1/flows/a%00b/c", 400, answeredByKestrel: true),
        Send("DELETE on the flow search", HttpMethod.Delete, "api/v1/flows/search", 405),
        Send("PATCH on the flows", HttpMethod.Patch, "api/v1/flows", 405),
        Send("POST on an execution", HttpMethod.Post, "api/v1/executions/nope", 405),
        Send("execution of an unknown flow", HttpMethod.Post, "api/v1/executions/hostile/nope", 404),
        Send("execution in namespace a..b", HttpMethod.Post, "api/v1/executions/a..b/upload", 404),
        Send("execution scheduled 'yesterday'", HttpMethod.Post, "api/v1/executions/hostile/upload?scheduleDate=yesterday", 400),
        Send("execution label without a colon", HttpMethod.Post, "api/v1/executions/hostile/upload?labels=nocolon", 400),
        Send("kill of an unknown execution", HttpMethod.Delete, "api/v1/executions/nope/kill", 404),
        Send("webhook of an unknown flow", HttpMethod.Post, "api/v1/executions/webhook/hostile/nope/key", 404),
        Send("webhook with a wrong key", HttpMethod.Post, "api/v1/executions/webhook/hostile/upload/key", 404),
    ];

    private static string FileName(HostileTarget target) => target.FileUri[(target.FileUri.LastIndexOf('/') + 1)..];

    private static HostileRequest Yaml(string name, string path, string yaml, int status, HttpMethod? method = null) =>
        Text(name, method ?? HttpMethod.Post, path, "application/x-yaml", yaml, status);

    private static HostileRequest Text(string name, HttpMethod method, string path, string contentType, string body, int status) =>
        Bytes(name, method, path, contentType, Encoding.UTF8.GetBytes(body), status);

    private static HostileRequest Bytes(string name, HttpMethod method, string path, string contentType, byte[] body, int status) =>
        new(name, status, _ =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return new HttpRequestMessage(method, path) { Content = content };
        });

    private static HostileRequest Download(string name, Func<HostileTarget, string> uri, int status) =>
        Get(name, t => $"api/v1/executions/{t.ExecutionId}/file?path={uri(t)}", status);

    private static HostileRequest Get(string name, Func<HostileTarget, string> path, int status, bool answeredByKestrel = false) =>
        new(name, status, t => new HttpRequestMessage(HttpMethod.Get, new Uri(path(t), UriKind.Relative)), answeredByKestrel);

    private static HostileRequest Send(string name, HttpMethod method, string path, int status) =>
        new(name, status, _ => new HttpRequestMessage(method, path));
}
