using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Security;

/// <summary>Seed 000: a flow that starts another flow through the API with basic auth, against this very server.</summary>
[Collection(SecuredCollection.Name)]
public sealed class SeedApiCallTests(SecuredServer secured)
{
    private const string InputsDemo = "id: inputs_demo\nnamespace: dev\n\ninputs:\n  - id: user\n    type: STRING\n    defaults: Rick Astley\n\ntasks:\n  - id: hello\n    type: io.kestra.core.tasks.log.Log\n    message: Hey there, {{ inputs.user }}";

    private string ApiCall(string id, string password) => $"""
        id: {id}
        namespace: dev
        tasks:
          - id: basic_auth_api
            type: io.kestra.plugin.fs.http.Request
            uri: {secured.Server.BaseAddress}api/v1/executions/dev/inputs_demo
            options:
              basicAuthUser: {SecuredServer.User}
              basicAuthPassword: {password}
            method: POST
            contentType: multipart/form-data
            formData:
              user: John Doe
        """;

    /// <summary>Both tests need it; bulk saves it whether it exists or not.</summary>
    private async Task SaveInputsDemoAsync()
    {
        using var response = await secured.Server.PostYamlAsync("api/v1/flows/bulk", InputsDemo);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Api_call_flow_starts_inputs_demo_with_the_form_value()
    {
        await SaveInputsDemoAsync();
        await secured.Server.CreateFlowAsync(ApiCall("api_call", SecuredServer.Password));

        var caller = await secured.Server.ExecuteAsync("dev", "api_call");

        Assert.Equal("SUCCESS", (string?)caller["state"]!["current"]);
        var outputs = caller["taskRunList"]![0]!["outputs"]!;
        Assert.Equal(200, (int?)outputs["code"]);
        var started = JsonNode.Parse((string)outputs["body"]!)!;
        Assert.Equal("inputs_demo", (string?)started["flowId"]);
        var execution = await secured.Server.GetJsonAsync($"api/v1/executions/{(string)started["id"]!}");
        Assert.Equal("John Doe", (string?)execution["inputs"]!["user"]);
    }

    [Fact]
    public async Task Api_call_with_a_wrong_password_fails_the_task_on_401()
    {
        await SaveInputsDemoAsync();
        await secured.Server.CreateFlowAsync(ApiCall("api_call_wrong_password", "wrong"));

        var caller = await secured.Server.ExecuteAsync("dev", "api_call_wrong_password");

        Assert.Equal("FAILED", (string?)caller["state"]!["current"]);
        var logs = await secured.Server.Client.GetStringAsync($"api/v1/logs/{(string)caller["id"]!}");
        Assert.Contains("failed with status code 401", logs, StringComparison.Ordinal);
    }
}
