using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>The execution scenarios of the seed documents, through HTTP.</summary>
[Collection(ServerCollection.Name)]
public sealed class SeedScenarioTests(MerlinServer server)
{
    private const string InputsDemo = "id: inputs_demo\nnamespace: dev\n\ninputs:\n  - id: user\n    type: STRING\n    defaults: Rick Astley\n\ntasks:\n  - id: hello\n    type: io.kestra.core.tasks.log.Log\n    message: Hey there, {{ inputs.user }}";

    [Fact]
    public async Task Inputs_demo_uses_the_default_then_the_form_value()
    {
        await server.CreateFlowAsync(InputsDemo);

        var byDefault = await server.ExecuteAsync("dev", "inputs_demo");
        Assert.Equal("SUCCESS", (string?)byDefault["state"]!["current"]);
        Assert.Equal("Rick Astley", (string?)byDefault["inputs"]!["user"]);
        Assert.Contains("Hey there, Rick Astley", await server.LogsAsync((string)byDefault["id"]!));

        var john = await server.ExecuteAsync("dev", "inputs_demo", new Dictionary<string, string> { ["user"] = "John Doe" });
        Assert.Equal("John Doe", (string?)john["inputs"]!["user"]);
        Assert.Contains("Hey there, John Doe", await server.LogsAsync((string)john["id"]!));
    }

    [Fact]
    public async Task Hello_world_execution_has_kestra_json_shape()
    {
        await server.CreateFlowAsync("id: hello_world\nnamespace: company.team\n\ninputs:\n  - id: greeting\n    type: STRING\n    defaults: hey\n\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ inputs.greeting }}\"");

        var created = await server.ExecuteAsync("company.team", "hello_world", new Dictionary<string, string> { ["greeting"] = "hey there" }, query: "");
        var id = (string)created["id"]!;
        Assert.InRange(id.Length, 20, 23);
        Assert.Equal(id, (string?)created["originalId"]);
        Assert.Equal("hey there", (string?)created["inputs"]!["greeting"]);
        Assert.Equal(1, (int?)created["flowRevision"]);
        Assert.Equal(1, (int?)created["metadata"]!["attemptNumber"]);
        Assert.Contains("system.correlationId", created["labels"]!.AsArray().Select(l => (string?)l!["key"]));
        Assert.EndsWith($"/ui/executions/company.team/hello_world/{id}", (string?)created["url"]);

        var done = await server.WaitEndAsync(id);
        Assert.Equal("SUCCESS", (string?)done["state"]!["current"]);
        Assert.Equal(["CREATED", "RUNNING", "SUCCESS"], done["state"]!["histories"]!.AsArray().Select(h => (string)h!["state"]!));
        Assert.NotNull(done["state"]!["endDate"]);
        Assert.True((double)done["state"]!["duration"]! >= 0);
        var run = done["taskRunList"]![0]!;
        Assert.Equal("hello", (string?)run["taskId"]);
        Assert.Equal(id, (string?)run["executionId"]);
        Assert.Equal("SUCCESS", (string?)run["attempts"]![0]!["state"]!["current"]);
        Assert.Equal("SUCCESS", (string?)run["state"]!["current"]);
        Assert.NotNull(run["outputs"]);
    }

    [Fact]
    public async Task Return_output_and_revision_query()
    {
        await server.CreateFlowAsync("id: ret\nnamespace: company.team\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.debug.Return\n    format: \"This is an output\"");
        var updated = await server.PostYamlAsync("api/v1/flows/company.team/ret", "id: ret\nnamespace: company.team\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.debug.Return\n    format: \"revision two\"", HttpMethod.Put);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var latest = await server.ExecuteAsync("company.team", "ret");
        Assert.Equal("revision two", (string?)latest["taskRunList"]![0]!["outputs"]!["value"]);
        Assert.Equal(2, (int?)latest["flowRevision"]);

        var first = await server.ExecuteAsync("company.team", "ret", query: "wait=true&revision=1");
        Assert.Equal("This is an output", (string?)first["taskRunList"]![0]!["outputs"]!["value"]);
        Assert.Equal(1, (int?)first["flowRevision"]);
    }

    [Theory]
    [InlineData("myfile", null)]
    [InlineData("files", "myfile")]
    public async Task File_input_is_read_back_with_read_in_both_upload_conventions(string partName, string? fileName)
    {
        var flowId = "myflow_" + partName;
        await server.CreateFlowAsync($"id: {flowId}\nnamespace: company.team\ninputs:\n  - id: myfile\n    type: FILE\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{{{ read(inputs.myfile) }}}}\"");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("hello from a file"u8.ToArray()), partName, fileName ?? "example.txt");
        var response = await server.Client.PostAsync($"api/v1/executions/company.team/{flowId}?wait=true", form);
        var execution = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
        var uri = (string)execution["inputs"]!["myfile"]!;
        Assert.StartsWith($"kestra:///company/team/{flowId.Replace('_', '-')}/executions/{execution["id"]}/inputs/myfile/", uri);
        Assert.Contains("hello from a file", await server.LogsAsync((string)execution["id"]!));

        var file = await server.Client.GetAsync($"api/v1/executions/{execution["id"]}/file?path={Uri.EscapeDataString(uri)}");
        Assert.Equal("hello from a file", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_required_input_is_422_naming_the_input_and_creates_nothing()
    {
        await server.CreateFlowAsync("id: required_input\nnamespace: tests.exec\ninputs:\n  - id: age\n    type: INT\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x");
        var missing = await server.Client.PostAsync("api/v1/executions/tests.exec/required_input", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("`age`", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["message"]);

        using var wrong = new MultipartFormDataContent { { new StringContent("not a number"), "age" } };
        var badType = await server.Client.PostAsync("api/v1/executions/tests.exec/required_input", wrong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badType.StatusCode);

        // Waiting for the end changes nothing: the wait, subscribed before the creation, ends with the creation's refusal.
        using var wrongAgain = new MultipartFormDataContent { { new StringContent("not a number"), "age" } };
        var waited = await server.Client.PostAsync("api/v1/executions/tests.exec/required_input?wait=true", wrongAgain);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, waited.StatusCode);
        Assert.Contains("`age`", (string?)JsonNode.Parse(await waited.Content.ReadAsStringAsync())!["message"]);

        var search = await server.GetJsonAsync("api/v1/executions/search?namespace=tests.exec&flowId=required_input");
        Assert.Equal(0, (int?)search["total"]);
    }

    [Fact]
    public async Task Tenant_prefixed_routes_of_newer_clients_reach_the_same_endpoints()
    {
        await server.CreateFlowAsync("id: tenant_routes\nnamespace: tests.exec\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.debug.Return\n    format: ok");
        var response = await server.Client.PostAsync("api/v1/main/executions/tests.exec/tenant_routes?wait=true", null);
        var execution = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
        var again = await server.GetJsonAsync($"api/v1/main/executions/{execution["id"]}");
        Assert.Equal((string?)execution["id"], (string?)again["id"]);
        Assert.Equal("tenant_routes", (string?)(await server.GetJsonAsync("api/v1/main/flows/tests.exec/tenant_routes"))["id"]);
    }

    [Theory]
    [InlineData("api/v1/executions/tests.exec/malformed?revision=abc")]
    [InlineData("api/v1/executions/tests.exec/malformed?scheduleDate=notadate")]
    [InlineData("api/v1/executions/tests.exec/malformed?labels=nocolon")]
    public async Task Malformed_query_values_get_400_with_an_error_body(string path)
    {
        await server.PostYamlAsync("api/v1/flows", "id: malformed\nnamespace: tests.exec\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x"); // 409 when another case made it
        var response = await server.Client.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Bad Request", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
    }

    [Fact]
    public async Task Unknown_flow_and_execution_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsync("api/v1/executions/tests.exec/nope", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/v1/executions/doesnotexist")).StatusCode);
    }

    [Fact]
    public async Task Json_body_labels_and_idempotency_key()
    {
        await server.CreateFlowAsync("id: json_inputs\nnamespace: tests.exec\ninputs:\n  - id: n\n    type: INT\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ inputs.n }}\"");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/executions/tests.exec/json_inputs?wait=true&labels=team:data")
        {
            Content = new StringContent("{\"n\": 42}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "abc");
        var first = JsonNode.Parse(await (await server.Client.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal(42, (int?)first["inputs"]!["n"]);
        Assert.Equal("42", (string?)first["taskRunList"]![0]!["outputs"]!["value"]);
        Assert.Contains(first["labels"]!.AsArray(), l => (string?)l!["key"] == "team" && (string?)l["value"] == "data");

        using var again = new HttpRequestMessage(HttpMethod.Post, "api/v1/executions/tests.exec/json_inputs")
        {
            Content = new StringContent("{\"n\": 7}", System.Text.Encoding.UTF8, "application/json"),
        };
        again.Headers.Add("Idempotency-Key", "abc");
        var second = JsonNode.Parse(await (await server.Client.SendAsync(again)).Content.ReadAsStringAsync())!;
        Assert.Equal((string?)first["id"], (string?)second["id"]);
    }
}
