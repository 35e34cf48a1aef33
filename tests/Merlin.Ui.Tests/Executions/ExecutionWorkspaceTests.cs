using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Executions;

/// <summary>The execution page as a workspace: live graph and Gantt, resume with an input, kill, outputs, evaluation, logs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExecutionWorkspaceTests(BrowserFixture browser)
{
    static ExecutionWorkspaceTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task The_graph_and_the_gantt_follow_the_states_and_a_paused_execution_resumes_with_its_input()
    {
        await browser.Server.CreateFlowAsync("""
            id: approval
            namespace: ui.workspace
            tasks:
              - id: first
                type: io.kestra.plugin.core.log.Log
                message: before
              - id: wait
                type: io.kestra.plugin.core.flow.Pause
                onResume:
                  - id: approved
                    type: BOOLEAN
              - id: check
                type: io.kestra.plugin.core.flow.If
                condition: "{{ outputs.wait.onResume.approved }}"
                then:
                  - id: yes
                    type: io.kestra.plugin.core.log.Log
                    message: approved
                else:
                  - id: no
                    type: io.kestra.plugin.core.log.Log
                    message: refused
            """);
        var id = (string)(await browser.Server.ExecuteAsync("ui.workspace", "approval", query: "wait=false"))["id"]!;
        await browser.Server.WaitForStateAsync(id, "PAUSED");
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);

        await page.GotoAsync($"/ui/executions/ui.workspace/approval/{id}/topology");
        var graph = page.Locator("#execution-topology svg.topology");
        await Expect(graph.Locator("[data-task-id=first]")).ToHaveAttributeAsync("data-state", "SUCCESS");
        await Expect(graph.Locator("[data-task-id=wait]")).ToHaveAttributeAsync("data-state", "PAUSED");
        await Expect(graph.Locator("[data-task-id=yes]")).Not.ToHaveAttributeAsync("data-state", new Regex("."));
        await Expect(graph.Locator("[data-task-id=no] .node-id")).ToHaveTextAsync("no");
        await Screens.CaptureAsync(page, "execution-topology");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("approved").SelectOptionAsync("true");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS");
        await Expect(graph.Locator("[data-task-id=wait]")).ToHaveAttributeAsync("data-state", "SUCCESS");
        await Expect(graph.Locator("[data-task-id=yes]")).ToHaveAttributeAsync("data-state", "SUCCESS");
        await Expect(graph.Locator("[data-task-id=no]")).Not.ToHaveAttributeAsync("data-state", new Regex("."));
        var execution = await browser.Server.GetJsonAsync($"api/v1/executions/{id}");
        var wait = execution["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "wait")!;
        Assert.Equal("true", wait["outputs"]!["onResume"]!["approved"]!.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Gantt" }).ClickAsync();
        await Expect(page.Locator(".gantt-row[data-task-id=first] .gantt-bar")).ToHaveAttributeAsync("data-state", "SUCCESS");
        await Expect(page.Locator(".gantt-row[data-task-id=yes] .gantt-bar")).ToHaveAttributeAsync("data-state", "SUCCESS");
        await Expect(page.Locator(".gantt-row[data-task-id=first] .gantt-attempt")).ToHaveCountAsync(1);
        await Screens.CaptureAsync(page, "execution-gantt");
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Expect(page.Locator("tr[data-task-id=yes] [data-state]")).ToHaveTextAsync("SUCCESS");
        await Screens.CaptureAsync(page, "execution-overview");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_running_execution_is_killed_from_its_page()
    {
        await browser.Server.CreateFlowAsync("""
            id: long
            namespace: ui.workspace
            tasks:
              - id: sleep
                type: io.kestra.plugin.core.flow.Sleep
                duration: PT5M
            """);
        var id = (string)(await browser.Server.ExecuteAsync("ui.workspace", "long", query: "wait=false"))["id"]!;
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/ui/executions/ui.workspace/long/{id}");
        await Expect(page.Locator("tr[data-task-id=sleep] [data-state]")).ToHaveTextAsync("RUNNING");

        await page.GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();

        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("KILLED");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Kill" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Restart" })).ToBeVisibleAsync();
        Assert.Equal("KILLED", (string?)(await browser.Server.GetJsonAsync($"api/v1/executions/{id}"))["state"]!["current"]);
    }

    [Fact]
    public async Task Outputs_explore_as_a_tree_files_preview_and_download_and_a_template_evaluates()
    {
        await browser.Server.CreateFlowAsync("""
            id: outputs
            namespace: ui.workspace
            inputs:
              - id: notes
                type: FILE
            tasks:
              - id: keep
                type: io.kestra.plugin.core.storage.Concat
                files: ["{{ inputs.notes }}", "{{ inputs.notes }}"]
                extension: .txt
              - id: sum
                type: io.kestra.plugin.core.output.OutputValues
                values:
                  total: 42
                  nested:
                    deep: value
            """);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("a line worth keeping\n"u8.ToArray()), "notes", "notes.txt");
        var created = await browser.Server.Client.PostAsync("api/v1/executions/ui.workspace/outputs?wait=true", form);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/ui/executions/ui.workspace/outputs/{id}/outputs");

        var tree = page.GetByRole(AriaRole.Tree, new() { Name = "Outputs" });
        await Expect(tree.Locator("li[data-task-id=sum]")).ToContainTextAsync("deep: value");
        await tree.Locator("li[data-task-id=keep]").GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("pre.file-preview")).ToContainTextAsync("a line worth keeping");
        var download = await page.RunAndWaitForDownloadAsync(() => tree.Locator("li[data-task-id=keep]").GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        Assert.Contains("a line worth keeping", await File.ReadAllTextAsync(await download.PathAsync()), StringComparison.Ordinal);

        await page.GetByLabel("Template").FillAsync("{{ outputs.sum.values.total + 1 }} {{ outputs.sum.values.nested.deep }}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate" }).ClickAsync();
        await Expect(page.Locator(".eval-output")).ToHaveTextAsync("43 value");
        await page.GetByLabel("Template").FillAsync("{{ nope | nofilter }}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate" }).ClickAsync();
        await Expect(page.Locator(".eval-result [role=alert]")).ToContainTextAsync("nofilter");
        await Screens.CaptureAsync(page, "execution-outputs");
    }

    [Fact]
    public async Task Logs_filter_by_task_and_text_and_download()
    {
        await browser.Server.CreateFlowAsync("""
            id: chatty
            namespace: ui.workspace
            tasks:
              - id: one
                type: io.kestra.plugin.core.log.Log
                message: [alpha first, beta first]
              - id: two
                type: io.kestra.plugin.core.log.Log
                message: alpha second
            """);
        var id = (string)(await browser.Server.ExecuteAsync("ui.workspace", "chatty"))["id"]!;
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/ui/executions/ui.workspace/chatty/{id}/logs");
        var visible = page.Locator("ol.logs li.log:visible");
        await Expect(visible).ToHaveCountAsync(3);

        await page.GetByLabel("Task").SelectOptionAsync("one");
        await Expect(visible).ToHaveCountAsync(2);
        await page.GetByLabel("Search").FillAsync("alpha");
        await Expect(visible).ToHaveCountAsync(1);
        await Expect(visible).ToContainTextAsync("alpha first");
        await Screens.CaptureAsync(page, "execution-logs");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("beta first", text, StringComparison.Ordinal);
        Assert.Contains("alpha second", text, StringComparison.Ordinal);
    }
}
