using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Triggers;

/// <summary>The webhook trigger through HTTP (Kestra's <c>/api/v1/executions/webhook</c> plus Merlin's extensions).</summary>
public sealed class WebhookTests(TriggerServer server) : IClassFixture<TriggerServer>
{
    // Seed 003: the body when there is one, else the input default.
    private const string Seed003 = """
        id: hello-world
        namespace: dev
        inputs:
          - id: greeting
            type: STRING
            defaults: hey
        tasks:
          - id: hello
            type: io.kestra.core.tasks.log.Log
            message: "{{ trigger.body ?? inputs.greeting }}"
        triggers:
          - id: webhook
            type: io.kestra.core.models.triggers.types.Webhook
            key: test1234
        """;

    [Fact]
    public async Task Seed_003_webhook_logs_the_body_or_the_default()
    {
        await server.CreateFlowAsync(Seed003);

        var withBody = await PostAsync("dev/hello-world/test1234", "hello from curl", "text/plain");
        Assert.Equal(HttpStatusCode.OK, withBody.Status);
        Assert.Equal("CREATED", (string?)withBody.Json!["state"]!["current"]);
        Assert.Equal("webhook", (string?)withBody.Json["trigger"]!["id"]);
        Assert.DoesNotContain("system.correlationId", withBody.Json["labels"]?.AsArray().Select(l => (string?)l!["key"]) ?? []);
        var done = await server.WaitEndAsync(Id(withBody));
        Assert.Equal("SUCCESS", (string?)done["state"]!["current"]);
        Assert.Contains("hello from curl", await server.LogsAsync(Id(withBody)));

        var noBody = await PostAsync("dev/hello-world/test1234", null, null);
        Assert.Equal(HttpStatusCode.OK, noBody.Status);
        Assert.Equal("SUCCESS", (string?)(await server.WaitEndAsync(Id(noBody)))["state"]!["current"]);
        Assert.Equal("hey", await server.LogsAsync(Id(noBody)));
    }

    [Fact]
    public async Task Body_is_an_object_an_array_or_the_raw_string()
    {
        await server.CreateFlowAsync(Flow("bodies", "key1", "{{ trigger.body | json }}"));

        var obj = await PostAsync("company/bodies/key1", """{"name":"Merlin","n":2}""", "application/json");
        Assert.Equal("Merlin", (string?)obj.Json!["trigger"]!["variables"]!["body"]!["name"]);
        Assert.Equal(2, (int?)obj.Json["trigger"]!["variables"]!["body"]!["n"]);

        var array = await PostAsync("company/bodies/key1", "[1,2,3]", "application/json");
        Assert.Equal(3, array.Json!["trigger"]!["variables"]!["body"]!.AsArray().Count);

        var raw = await PostAsync("company/bodies/key1", "not json {", "text/plain");
        Assert.Equal("not json {", (string?)raw.Json!["trigger"]!["variables"]!["body"]);

        var none = await SendAsync(HttpMethod.Get, "company/bodies/key1", null, null);
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Null(none.Json!["trigger"]!["variables"]!["body"]);
    }

    [Fact]
    public async Task Headers_parameters_and_query_inputs_are_available_to_templates()
    {
        await server.CreateFlowAsync("""
            id: headers
            namespace: company
            inputs:
              - id: who
                type: STRING
                defaults: nobody
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "h={{ trigger.headers['X-Custom'][0] }} p={{ trigger.parameters.id[0] }} who={{ inputs.who }}"
            triggers:
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: "{{ flow.id }}-key"
            """);

        using var request = new HttpRequestMessage(HttpMethod.Put, "api/v1/executions/webhook/company/headers/headers-key?id=42&who=Ada");
        request.Headers.Add("X-Custom", "custom-value");
        var response = await server.Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ada", (string?)body["inputs"]!["who"]);
        var id = (string)body["id"]!;
        Assert.Equal("SUCCESS", (string?)(await server.WaitEndAsync(id))["state"]!["current"]);
        Assert.Contains("h=custom-value p=42 who=Ada", await server.LogsAsync(id));
    }

    [Fact]
    public async Task Unknown_flow_or_key_is_404_with_kestra_error_body()
    {
        await server.CreateFlowAsync(Flow("known", "right", "x"));

        var wrongKey = await PostAsync("company/known/wrong", "{}", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.Status);
        Assert.NotNull(wrongKey.Json!["message"]);
        Assert.NotNull(wrongKey.Json["_links"]);

        var wrongFlow = await PostAsync("company/nope/right", "{}", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, wrongFlow.Status);
    }

    [Fact]
    public async Task Disabled_flow_or_trigger_is_409()
    {
        await server.CreateFlowAsync(Flow("off", "k", "x").Replace("tasks:", "disabled: true\ntasks:", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("company/off/k", "{}", "application/json")).Status);

        await server.CreateFlowAsync(Flow("trigger-off", "k", "x") + "\n    disabled: true");
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("company/trigger-off/k", "{}", "application/json")).Status);
    }

    [Fact]
    public async Task Refusing_conditions_answer_204_without_execution()
    {
        await server.CreateFlowAsync(Flow("conditional", "k", "x") + """

                conditions:
                  - type: io.kestra.plugin.core.condition.Expression
                    expression: "{{ trigger.body.go == true }}"
            """);

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("company/conditional/k", """{"go":false}""", "application/json")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("company/conditional/k", """{"go":true}""", "application/json")).Status);
        var all = await server.SearchUntilAsync("namespace=company&flowId=conditional", r => r.Count >= 1);
        Assert.Single(all);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413()
    {
        await server.CreateFlowAsync(Flow("big", "k", "x"));
        var big = new string('a', (int)TriggerServer.BodyLimit + 1);

        var announced = await PostAsync("company/big/k", big, "text/plain");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced.Status);

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "api/v1/executions/webhook/company/big/k")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        chunked.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.Client.SendAsync(chunked)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("company/big/k", big[..1000], "text/plain")).Status);
    }

    [Fact]
    public async Task Wait_with_return_outputs_answers_the_flow_outputs()
    {
        await server.CreateFlowAsync("""
            id: sync
            namespace: company
            tasks:
              - id: ret
                type: io.kestra.plugin.core.debug.Return
                format: "hello {{ trigger.body.name }}"
            outputs:
              - id: greeting
                type: STRING
                value: "{{ outputs.ret.value }}"
            triggers:
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: sync
                wait: true
                returnOutputs: true
              - id: waiting
                type: io.kestra.plugin.core.trigger.Webhook
                key: wait-only
                wait: true
            """);

        var outputs = await PostAsync("company/sync/sync", """{"name":"Ada"}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, outputs.Status);
        Assert.Equal("hello Ada", (string?)outputs.Json!["greeting"]);

        var execution = await PostAsync("company/sync/wait-only", """{"name":"Bob"}""", "application/json");
        Assert.Equal("SUCCESS", (string?)execution.Json!["state"]!["current"]);
    }

    [Fact]
    public async Task Secret_requires_a_valid_hmac_signature()
    {
        await server.CreateFlowAsync(Flow("signed", "k", "x") + "\n    secret: s3cr3t");
        const string body = """{"event":"push"}""";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cr3t"), Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("company/signed/k", body, "application/json")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("company/signed/k", body, "application/json", ("X-Merlin-Signature", "sha256=" + new string('0', 64)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("company/signed/k", body, "application/json", ("X-Merlin-Signature", signature))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("company/signed/k", body, "application/json", ("X-Hub-Signature-256", signature))).Status);
    }

    private static string Flow(string id, string key, string message) => $"""
        id: {id}
        namespace: company
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: "{message}"
        triggers:
          - id: hook
            type: io.kestra.plugin.core.trigger.Webhook
            key: {key}
        """;

    private static string Id((HttpStatusCode Status, JsonNode? Json) response) => (string)response.Json!["id"]!;

    private Task<(HttpStatusCode Status, JsonNode? Json)> PostAsync(string path, string? body, string? contentType, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, body, contentType, headers);

    private async Task<(HttpStatusCode Status, JsonNode? Json)> SendAsync(HttpMethod method, string path, string? body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, "api/v1/executions/webhook/" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "text/plain");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
