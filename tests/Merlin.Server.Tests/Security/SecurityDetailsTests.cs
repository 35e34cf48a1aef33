using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Security;

/// <summary>Tokens are the administrator's, streams end with their token, SECRET inputs never show, webhooks do not enumerate flows.</summary>
[Collection(SecuredCollection.Name)]
public sealed class SecurityDetailsTests(SecuredServer secured)
{
    private const string PausedFlow = "id: paused\nnamespace: security.details\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: before the pause\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n";

    [Fact]
    public async Task A_token_cannot_create_list_or_revoke_tokens_so_none_outlives_its_revocation()
    {
        var (parentId, parent) = await CreateTokenAsync("parent");
        using var client = Bearer(parent);

        using var mint = await client.PostAsJsonAsync("api/v1/tokens", new { name = "child" });
        using var list = await client.GetAsync("api/v1/tokens");
        using var revoke = await client.DeleteAsync($"api/v1/tokens/{parentId}");

        Assert.Equal(HttpStatusCode.Forbidden, mint.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(mint, "Forbidden: API tokens are managed with the administrator's credentials");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.DoesNotContain("\"child\"", await secured.Server.Client.GetStringAsync("api/v1/tokens"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/flows/search")).StatusCode); // the token itself still works
    }

    [Theory]
    [InlineData("api/v1/executions/{0}/follow")]
    [InlineData("api/v1/logs/{0}/follow")]
    public async Task An_open_follow_stream_ends_when_its_token_is_revoked(string route)
    {
        var executionId = await PausedExecutionAsync();
        var (tokenId, token) = await CreateTokenAsync("follower");
        using var client = Bearer(token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, executionId), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        Assert.StartsWith("data: ", await reader.ReadLineAsync(deadline.Token));

        using var revoked = await secured.Server.Client.DeleteAsync($"api/v1/tokens/{tokenId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        Assert.True(await EndsAsync(reader, deadline.Token), "the stream kept flowing after its token was revoked");
        Assert.Equal("PAUSED", (string?)(await secured.Server.GetJsonAsync($"api/v1/executions/{executionId}"))["state"]!["current"]);
    }

    [Fact]
    public async Task An_open_follow_stream_ends_when_its_token_expires()
    {
        var executionId = await PausedExecutionAsync();
        var (_, token) = await CreateTokenAsync("short", DateTimeOffset.UtcNow.AddSeconds(2));
        using var client = Bearer(token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync($"api/v1/executions/{executionId}/follow", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        Assert.True(await EndsAsync(reader, deadline.Token), "the stream outlived its token's expiry");
    }

    [Fact]
    public async Task A_secret_input_is_encrypted_at_rest_masked_in_answers_and_logs_and_clear_only_for_the_task()
    {
        const string secret = "hunter2-Zq9";
        await secured.Server.CreateFlowAsync("id: secret\nnamespace: security.details\ninputs:\n  - id: password\n    type: SECRET\ntasks:\n  - id: check\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ inputs.password | upper }}\"\n  - id: leak\n    type: io.kestra.plugin.core.log.Log\n    message: \"password={{ inputs.password }}\"\n");

        var end = await secured.Server.ExecuteAsync("security.details", "secret", new Dictionary<string, string> { ["password"] = secret });
        var id = (string)end["id"]!;

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(secret.ToUpperInvariant(), (string?)end["taskRunList"]![0]!["outputs"]!["value"]); // the task rendered the clear value
        Assert.Equal("******", (string?)end["inputs"]!["password"]);
        var answers = new[]
        {
            end.ToJsonString(),
            await secured.Server.Client.GetStringAsync($"api/v1/executions/{id}"),
            await secured.Server.Client.GetStringAsync("api/v1/executions/search?namespace=security.details&size=100"),
            await secured.Server.Client.GetStringAsync($"api/v1/executions/{id}/follow"),
            await secured.Server.LogsAsync(id),
            await secured.Server.Client.GetStringAsync($"api/v1/logs/{id}/download"),
        };
        Assert.All(answers, a => Assert.DoesNotContain(secret, a, StringComparison.Ordinal));
        Assert.Contains("password=*", answers[4], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(secured.Server.DataDir, "encryption.key")));
        await AssertNotInDataDirAsync(secret);
    }

    [Fact]
    public async Task Only_declared_secret_inputs_are_decrypted_a_string_that_looks_encrypted_is_left_alone()
    {
        const string lookalike = "merlin-encrypted:v1:AAAA";
        await secured.Server.CreateFlowAsync("id: lookalike\nnamespace: security.details\ninputs:\n  - id: text\n    type: STRING\ntasks:\n  - id: echo\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ inputs.text }}\"\n");

        var end = await secured.Server.ExecuteAsync("security.details", "lookalike", new Dictionary<string, string> { ["text"] = lookalike });

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(lookalike, (string?)end["taskRunList"]![0]!["outputs"]!["value"]);
    }

    [Fact]
    public async Task A_secret_given_on_resume_is_encrypted_at_rest_and_masked_yet_the_next_task_uses_it()
    {
        const string secret = "resume-pw-k7x";
        await secured.Server.CreateFlowAsync("id: resumed\nnamespace: security.details\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n    onResume:\n      - id: code\n        type: SECRET\n  - id: use\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ outputs.wait.onResume.code | upper }}\"\n  - id: leak\n    type: io.kestra.plugin.core.log.Log\n    message: \"code={{ outputs.wait.onResume.code }}\"\n");
        var paused = await secured.Server.ExecuteAsync("security.details", "resumed");
        var id = (string)paused["id"]!;
        Assert.Equal("PAUSED", (string?)paused["state"]!["current"]);

        using var form = new MultipartFormDataContent { { new StringContent(secret), "code" } };
        using var resume = await secured.Server.Client.PostAsync($"api/v1/executions/{id}/resume", form);
        Assert.Equal(HttpStatusCode.NoContent, resume.StatusCode);
        var end = await secured.Server.WaitEndAsync(id);

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var runs = end["taskRunList"]!.AsArray();
        Assert.Equal("******", (string?)runs.Single(r => (string?)r!["taskId"] == "wait")!["outputs"]!["onResume"]!["code"]);
        Assert.Equal(secret.ToUpperInvariant(), (string?)runs.Single(r => (string?)r!["taskId"] == "use")!["outputs"]!["value"]);
        var logs = await secured.Server.LogsAsync(id);
        Assert.Contains("code=*", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, end.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        await AssertNotInDataDirAsync(secret);
    }

    [Theory]
    [InlineData("open-sesame", "granted", "open-sesame")] // a matching case key is stored: the flow shows it
    [InlineData("wrong-guess", "denied", "******")]
    public async Task Engine_conditions_see_a_secret_in_clear_but_store_it_masked(string password, string branch, string switchValue)
    {
        await secured.Server.CreateFlowAsync("id: gate_" + branch + "\nnamespace: security.details\ninputs:\n  - id: password\n    type: SECRET\ntasks:\n  - id: check\n    type: io.kestra.plugin.core.flow.If\n    condition: \"{{ inputs.password == 'open-sesame' }}\"\n    then:\n      - id: granted\n        type: io.kestra.plugin.core.debug.Return\n        format: ok\n    else:\n      - id: denied\n        type: io.kestra.plugin.core.debug.Return\n        format: ko\n  - id: only_if_right\n    type: io.kestra.plugin.core.debug.Return\n    runIf: \"{{ inputs.password == 'open-sesame' }}\"\n    format: ok\n  - id: route\n    type: io.kestra.plugin.core.flow.Switch\n    value: \"{{ inputs.password }}\"\n    cases:\n      open-sesame:\n        - id: case_right\n          type: io.kestra.plugin.core.debug.Return\n          format: ok\n    defaults:\n      - id: case_default\n        type: io.kestra.plugin.core.debug.Return\n        format: ko\n");

        var end = await secured.Server.ExecuteAsync("security.details", $"gate_{branch}", new Dictionary<string, string> { ["password"] = password });

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var runs = end["taskRunList"]!.AsArray();
        string? State(string taskId) => (string?)runs.SingleOrDefault(r => (string?)r!["taskId"] == taskId)?["state"]!["current"];
        Assert.Equal("SUCCESS", State(branch));
        Assert.Null(State(branch == "granted" ? "denied" : "granted"));
        Assert.Equal(branch == "granted" ? "SUCCESS" : "SKIPPED", State("only_if_right"));
        Assert.Equal(branch == "granted" ? "SUCCESS" : null, State("case_right"));
        Assert.Equal(switchValue, (string?)runs.Single(r => (string?)r!["taskId"] == "route")!["outputs"]!["value"]);
        if (branch == "denied")
        {
            Assert.DoesNotContain(password, end.ToJsonString(), StringComparison.Ordinal);
            await AssertNotInDataDirAsync(password);
        }
    }

    [Fact]
    public async Task A_secret_passed_to_a_subflow_stays_encrypted_in_the_child_and_clear_for_its_tasks()
    {
        const string secret = "child-pw-m3q";
        await secured.Server.CreateFlowAsync("id: secret_child\nnamespace: security.details\ninputs:\n  - id: pw\n    type: SECRET\ntasks:\n  - id: use\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ inputs.pw | upper }}\"\n");
        await secured.Server.CreateFlowAsync("id: secret_parent\nnamespace: security.details\ninputs:\n  - id: password\n    type: SECRET\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: security.details\n    flowId: secret_child\n    wait: true\n    inputs:\n      pw: \"{{ inputs.password }}\"\n");

        var end = await secured.Server.ExecuteAsync("security.details", "secret_parent", new Dictionary<string, string> { ["password"] = secret });

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var childId = (string)end["taskRunList"]![0]!["outputs"]!["executionId"]!;
        var child = await secured.Server.WaitEndAsync(childId);
        Assert.Equal("SUCCESS", (string?)child["state"]!["current"]);
        Assert.Equal("******", (string?)child["inputs"]!["pw"]);
        Assert.Equal(secret.ToUpperInvariant(), (string?)child["taskRunList"]![0]!["outputs"]!["value"]);
        Assert.DoesNotContain(secret, end.ToJsonString() + child.ToJsonString(), StringComparison.Ordinal);
        await AssertNotInDataDirAsync(secret);
    }

    [Fact]
    public async Task Webhook_answers_the_same_404_for_an_unknown_flow_and_a_wrong_key()
    {
        await secured.Server.CreateFlowAsync("id: hooked\nnamespace: security.details\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\ntriggers:\n  - id: hook\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: the-right-key\n");
        using var anonymous = secured.Anonymous();

        using var unknownFlow = await anonymous.PostAsync("api/v1/executions/webhook/security.details/nope/wrong", null);
        using var wrongKey = await anonymous.PostAsync("api/v1/executions/webhook/security.details/hooked/wrong", null);

        Assert.Equal(HttpStatusCode.NotFound, unknownFlow.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        var message = (string?)JsonNode.Parse(await unknownFlow.Content.ReadAsStringAsync())!["message"];
        Assert.Equal(message, (string?)JsonNode.Parse(await wrongKey.Content.ReadAsStringAsync())!["message"]);
        Assert.DoesNotContain("nope", message, StringComparison.Ordinal);
    }

    private async Task<(string Id, string Token)> CreateTokenAsync(string name, DateTimeOffset? expiresAt = null)
    {
        using var response = await secured.Server.Client.PostAsJsonAsync("api/v1/tokens", new { name, expiresAt });
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, created.ToJsonString());
        return ((string)created["id"]!, (string)created["token"]!);
    }

    private HttpClient Bearer(string token)
    {
        var client = secured.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> PausedExecutionAsync()
    {
        using var create = await secured.Server.PostYamlAsync("api/v1/flows", PausedFlow);
        Assert.True(create.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, create.StatusCode.ToString());
        var execution = await secured.Server.ExecuteAsync("security.details", "paused");
        Assert.Equal("PAUSED", (string?)execution["state"]!["current"]);
        return (string)execution["id"]!;
    }

    /// <summary>Reads until the server ends the stream (true) or the deadline passes (false).</summary>
    private static async Task<bool> EndsAsync(StreamReader reader, CancellationToken deadline)
    {
        try
        {
            while (await reader.ReadLineAsync(deadline) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>No file of the server (SQLite database and its journal, storage, logs) holds the clear text.</summary>
    private async Task AssertNotInDataDirAsync(string secret)
    {
        foreach (var file in Directory.EnumerateFiles(secured.Server.DataDir, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(secret, Encoding.UTF8.GetString(await ReadSharedAsync(file)), StringComparison.Ordinal);
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
