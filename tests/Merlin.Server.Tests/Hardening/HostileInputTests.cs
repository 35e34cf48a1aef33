using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Hardening;

/// <summary>
/// Hostile inputs through the HTTP API (issue 10, items 1 and 3): each is refused with its 4xx naming the limit,
/// or fails only its own execution; afterwards the server is healthy and both listings still answer whole bodies.
/// </summary>
public sealed class HostileInputTests(MerlinServer server) : IClassFixture<MerlinServer>
{
    private const string Ns = HostileText.Namespace;

    public static TheoryData<string, string, string> RefusedFlows => new()
    {
        { "YAML nested 15,000 levels", HostileText.DeepFlow("deep15000", 15_000), "Merlin:Limits:MaxDepth" },
        { "YAML nested 101 levels", HostileText.DeepFlow("deep101", 101), "Merlin:Limits:MaxDepth" },
        { "15,000 nested flow sequences", $"id: seq\nnamespace: {Ns}\nvariables:\n  v: {HostileText.DeepList(15_000)}\ntasks: []\n", "Merlin:Limits:MaxDepth" },
        { "billion laughs (6 levels of 10 aliases)", HostileText.LaughsFlow("laughs", 6), "Merlin:Limits:YamlMaxAliases" },
        { "aliases doubling 24 times", HostileText.DoublingAliasesFlow("doubling", 24), "Merlin:Limits:YamlMaxAliasedNodes" },
    };

    [Theory]
    [MemberData(nameof(RefusedFlows))]
    public async Task A_hostile_flow_is_refused_by_create_validate_and_bulk_and_nothing_is_stored(string what, string yaml, string setting)
    {
        var created = await server.PostYamlAsync("api/v1/flows", yaml);
        Assert.True(created.StatusCode == HttpStatusCode.UnprocessableEntity, $"{what}: {(int)created.StatusCode}");
        Assert.Contains(setting, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var bulk = await server.PostYamlAsync("api/v1/flows/bulk", $"id: bulk_sibling\nnamespace: {Ns}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n---\n{yaml}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bulk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"api/v1/flows/{Ns}/bulk_sibling")).StatusCode);

        var validated = await server.PostYamlAsync("api/v1/flows/validate", yaml);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Contains(setting, await validated.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await AssertHealthyAsync();
    }

    [Fact]
    public async Task A_flow_nested_80_levels_is_stored_and_every_listing_still_reads_back()
    {
        // Before: accepted, but the 64-level JSON writer broke GET /flows/search for everyone.
        var created = await server.PostYamlAsync("api/v1/flows", HostileText.DeepFlow("deep80", 80));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var flow = await ReadDeepAsync(await server.Client.GetAsync($"api/v1/flows/{Ns}/deep80"));
        Assert.Equal("deep80", (string?)flow["id"]);
        var end = await server.ExecuteAsync(Ns, "deep80");
        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        await AssertHealthyAsync();
    }

    public static TheoryData<string, string, string> FailingTemplates => new()
    {
        { "self-rendering variable", "{{ render(vars.selfish) }}", "Merlin:Limits:TemplateMaxRenderDepth" },
        { "yaml() of 20,000 nested lists", "{{ yaml(inputs.text) }}", "Merlin:Limits:MaxDepth" },
        { "fromJson() of 20,000 nested lists", "{{ fromJson(inputs.text) }}", "Merlin:Limits:MaxDepth" },
        { "jq over 20,000 nested lists", "{{ inputs.text | jq('.') }}", "Merlin:Limits:MaxDepth" },
        { "range(0, 100000000)", "{% for i in range(0, 100000000) %}{% endfor %}", "Merlin:Limits:TemplateMaxSteps" },
        { "nested 12000 x 12000 loops", "{% for i in range(0, 12000) %}{% for j in range(0, 12000) %}{% endfor %}{% endfor %}", "Merlin:Limits:TemplateMaxSteps" },
        { "a string doubled 40 times", "{% set s = 'x' %}{% for i in range(0, 40) %}{% set s = s ~ s %}{% endfor %}{{ s | length }}", "Merlin:Limits:TemplateMaxOutputLength" },
        { "a list doubled 40 times", "{% set l = [1] %}{% for i in range(0, 40) %}{% set l = l + l %}{% endfor %}{{ l | length }}", "Merlin:Limits:TemplateMaxSteps" },
        { "an expression in 20,000 parentheses", HostileText.Repeat("{{ ", 1) + HostileText.Repeat("(", 20_000) + "1" + HostileText.Repeat(")", 20_000) + " }}", "too deeply" },
        // Where the stack runs short (parsing, or evaluating on a thread with a larger stack) decides the wording.
        { "20,000 unary minus signs", "{{ " + HostileText.Repeat("- ", 20_000) + "1 }}", "too deeply" },
        { "a list nested 1,000,000 levels by a loop", "{% set x = [] %}{% for i in range(0, 1000000) %}{% set x = [x] %}{% if loop.last %}{{ x }}{% endif %}{% endfor %}", "nest too deeply" },
        { "a deep list compared with itself", "{% set x = [] %}{% for i in range(0, 1000000) %}{% set x = [x] %}{% if loop.last %}{{ x == [x] }}{% endif %}{% endfor %}", "nest too deeply" },
        { "a deep list written as YAML", "{% set x = [] %}{% for i in range(0, 1000000) %}{% set x = [x] %}{% if loop.last %}{{ x | yaml }}{% endif %}{% endfor %}", "nest too deeply" },
    };

    [Theory]
    [MemberData(nameof(FailingTemplates))]
    public async Task A_hostile_template_fails_only_its_own_execution_naming_the_limit(string what, string message, string expected)
    {
        var id = "tpl_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(what)))[..12].ToLowerInvariant();
        await server.CreateFlowAsync($"""
            id: {id}
            namespace: {Ns}
            inputs:
              - id: text
                type: STRING
                defaults: "[]"
            variables:
              selfish: "{"{{"} render(vars.selfish) {"}}"}"
            tasks:
              - id: hostile
                type: io.kestra.plugin.core.log.Log
                message: {JsonSerializer.Serialize(message)}
              - id: never
                type: io.kestra.plugin.core.log.Log
                message: not reached
            """);
        var end = await server.ExecuteAsync(Ns, id, new Dictionary<string, string> { ["text"] = HostileText.DeepList(20_000) });
        Assert.True((string?)end["state"]!["current"] == "FAILED", $"{what}: {end["state"]!["current"]}");
        Assert.Single(end["taskRunList"]!.AsArray());
        Assert.Contains(expected, await server.LogsAsync((string)end["id"]!), StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task A_heavy_If_condition_fails_its_task_run_under_the_executor_budget()
    {
        await server.CreateFlowAsync($$"""
            id: heavy_if
            namespace: {{Ns}}
            tasks:
              - id: decide
                type: io.kestra.plugin.core.flow.If
                condition: "{% for i in range(0, 1000) %}{% for j in range(0, 1000) %}{% endfor %}{% endfor %}true"
                then:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: never
            """);
        var end = await server.ExecuteAsync(Ns, "heavy_if");
        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        Assert.Contains("Merlin:Limits:EngineTemplateMaxSteps", await server.LogsAsync((string)end["id"]!), StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Deep_webhook_bodies_are_accepted_up_to_the_limit_and_refused_beyond()
    {
        await server.CreateFlowAsync($"""
            id: hook
            namespace: {Ns}
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: got it
            triggers:
              - id: webhook
                type: io.kestra.plugin.core.trigger.Webhook
                key: hostile-key
            """);

        // Before: a 60-deep body was stored and broke GET /executions/search for everyone.
        var accepted = await PostJsonAsync($"api/v1/executions/webhook/{Ns}/hook/hostile-key", HostileText.DeepJson(60));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var id = (string)(await ReadDeepAsync(accepted))["id"]!;
        Assert.Equal("SUCCESS", (string?)(await WaitEndDeepAsync(id))["state"]!["current"]);

        var refused = await PostJsonAsync($"api/v1/executions/webhook/{Ns}/hook/hostile-key", HostileText.DeepJson(5_000));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Merlin:Limits:MaxDepth", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Deep_JSON_inputs_are_accepted_up_to_the_limit_and_refused_beyond()
    {
        await server.CreateFlowAsync($"""
            id: json_input
            namespace: {Ns}
            inputs:
              - id: doc
                type: JSON
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{"{{"} inputs.doc | json {"}}"}"
            """);
        var accepted = await PostJsonAsync($"api/v1/executions/{Ns}/json_input", "{\"doc\":" + HostileText.DeepJson(60) + "}");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("SUCCESS", (string?)(await WaitEndDeepAsync((string)(await ReadDeepAsync(accepted))["id"]!))["state"]!["current"]);

        var refused = await PostJsonAsync($"api/v1/executions/{Ns}/json_input", "{\"doc\":" + HostileText.DeepJson(5_000) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Merlin:Limits:MaxDepth", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var yamlInput = await server.PostYamlAsync("api/v1/flows", $"""
            id: yaml_input
            namespace: {Ns}
            inputs:
              - id: doc
                type: YAML
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: hi
            """);
        Assert.Equal(HttpStatusCode.OK, yamlInput.StatusCode);
        using var form = new MultipartFormDataContent { { new StringContent(HostileText.DeepList(20_000)), "doc" } };
        var deepYaml = await server.Client.PostAsync($"api/v1/executions/{Ns}/yaml_input", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, deepYaml.StatusCode);
        Assert.Contains("Merlin:Limits:MaxDepth", await deepYaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    /// <summary>The server answers, and both listings return whole JSON bodies (deep documents included).</summary>
    private async Task AssertHealthyAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("health")).StatusCode);
        var flows = await ReadDeepAsync(await server.Client.GetAsync("api/v1/flows/search?size=1000"));
        Assert.NotNull(flows["results"]);
        var executions = await ReadDeepAsync(await server.Client.GetAsync("api/v1/executions/search?size=100"));
        Assert.NotNull(executions["results"]);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        await server.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> WaitEndDeepAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var execution = await ReadDeepAsync(await server.Client.GetAsync($"api/v1/executions/{id}"));
            if ((string?)execution["state"]!["current"] is "SUCCESS" or "FAILED" or "WARNING" or "KILLED")
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"execution {id} is still {execution["state"]!["current"]}");
            await Task.Delay(20);
        }
    }

    /// <summary>Parses a 2xx body whatever its depth (the default reader stops at 64 levels).</summary>
    private static async Task<JsonNode> ReadDeepAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 1024 })!;
    }
}
