using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Executions;

/// <summary>The execution page follows an execution live (a paused one, resumed through the API); the execution list filters by state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExecutionViewTests(BrowserFixture browser)
{
    static ExecutionViewTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task The_url_of_a_new_execution_opens_its_page_which_follows_it_to_the_end()
    {
        await browser.Server.CreateFlowAsync("""
            id: slow
            namespace: ui.live
            tasks:
              - id: wait
                type: io.kestra.plugin.core.flow.Pause
              - id: done
                type: io.kestra.plugin.core.debug.Return
                format: "woke up"
            outputs:
              - id: said
                type: STRING
                value: "{{ outputs.done.value }}"
            """);
        var created = await PostAsync("api/v1/executions/ui.live/slow");
        var url = (string?)created["url"] ?? throw new InvalidOperationException("no url");
        var page = await browser.NewPageAsync();
        var loads = 0;
        page.Load += (_, _) => loads++;

        await page.GotoAsync(url);
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("PAUSED");
        await Expect(page.Locator("tr[data-task-id=wait] [data-state]")).ToHaveTextAsync("PAUSED");
        await Expect(page.Locator("tr[data-task-id=done]")).ToHaveCountAsync(0);

        // Resumed behind the page's back: it must follow without a reload.
        using var resumed = await browser.Server.Client.PostAsync($"api/v1/executions/{created["id"]}/resume", null);
        Assert.True(resumed.IsSuccessStatusCode, $"resume: {(int)resumed.StatusCode}");
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS");
        await Expect(page.Locator("tr[data-task-id=done] [data-state]")).ToHaveTextAsync("SUCCESS");
        await Expect(page.Locator("table.kv").Last).ToContainTextAsync("woke up");
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task The_execution_list_filters_by_state()
    {
        await browser.Server.CreateFlowAsync("""
            id: maybe
            namespace: ui.list
            inputs:
              - id: fail
                type: BOOLEAN
                defaults: false
            tasks:
              - id: check
                type: io.kestra.plugin.core.execution.Fail
                condition: "{{ inputs.fail }}"
            """);
        var ok = (string?)(await PostAsync("api/v1/executions/ui.list/maybe?wait=true"))["id"];
        var failed = (string?)(await PostAsync("api/v1/executions/ui.list/maybe?wait=true", new() { ["fail"] = "true" }))["id"];
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/ui/executions?namespace=ui.list");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = ok })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = failed })).ToBeVisibleAsync();

        await page.GetByLabel("State").SelectOptionAsync("FAILED");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = ok })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = failed })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("state=FAILED"));
    }

    private async Task<JsonNode> PostAsync(string path, Dictionary<string, string>? inputs = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in inputs ?? [])
        {
            form.Add(new StringContent(value), key);
        }

        var response = await browser.Server.Client.PostAsync(path, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("empty body");
    }

    [Fact]
    public async Task A_loop_lists_its_iterations_which_open_as_executions_of_their_own()
    {
        await browser.Server.CreateFlowAsync("""
            id: regions
            namespace: ui.loop
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: [north, south]
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ item.value }}"
            """);
        var id = (string)(await browser.Server.ExecuteAsync("ui.loop", "regions"))["id"]!;
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);

        await page.GotoAsync($"/ui/executions/ui.loop/regions/{id}");
        var iterations = page.Locator(".loop-iteration");
        await Expect(iterations).ToHaveCountAsync(2);
        await Expect(iterations.Nth(1)).ToContainTextAsync("loop #1: south");

        await iterations.Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("tr[data-task-id=each] [data-state]")).ToHaveTextAsync("SUCCESS");
        await Expect(page.GetByText("loop #1: south")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}
