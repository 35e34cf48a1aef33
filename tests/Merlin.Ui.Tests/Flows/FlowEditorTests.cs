using System.Net;
using System.Text.RegularExpressions;
using Merlin.Testing;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Flows;

/// <summary>The flow editor: first run, validation as you type, save, topology, autocompletion, documentation, revisions.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FlowEditorTests(BrowserFixture browser)
{
    static FlowEditorTests() => SetDefaultExpectTimeout(15_000);

    private const string WithTypo = """
        id: typo
        namespace: ui.editor
        tasks:
          - id: hello
            type: io.kestra.plugin.core.log.Log
            mesage: Hello
          - id: bye
            type: io.kestra.plugin.core.debug.Return
            format: bye
        """;

    [Fact]
    public async Task An_empty_server_offers_a_first_flow_which_saves_as_revision_1_and_executes()
    {
        await using var empty = new MerlinServer();
        await empty.InitializeAsync();
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors, empty);

        await page.GotoAsync("/ui/flows");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create your first flow" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/new$"));
        await Expect(page.Locator(".cm-content")).ToContainTextAsync("inputs.greeting");
        await Expect(page.Locator("#validation")).ToContainTextAsync("Valid flow");
        await Expect(page.Locator("#editor-topology [data-task-id=hello]")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, "flow-new");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/edit/company.team/hello_world$"));
        await Expect(page.Locator("#flow-revision")).ToHaveTextAsync("revision 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).GetByLabel("greeting")).ToHaveValueAsync("Hello from Merlin");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_typo_is_marked_at_its_line_then_the_fixed_flow_saves_as_revision_1_with_its_topology()
    {
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);
        await page.GotoAsync("/ui/flows/new");
        await SetSourceAsync(page, WithTypo);

        await Expect(page.Locator("#validation")).ToContainTextAsync("Line 6, column 5");
        await Expect(page.Locator("#validation")).ToContainTextAsync("mesage");
        await Expect(page.Locator(".cm-line").Nth(5).Locator(".cm-lintRange-error")).ToHaveTextAsync("mesage");

        await SetSourceAsync(page, WithTypo.Replace("mesage", "message", StringComparison.Ordinal));
        await Expect(page.Locator("#validation")).ToContainTextAsync("Valid flow");
        await Expect(page.Locator(".cm-lintRange-error")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Control+s");

        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/edit/ui.editor/typo$"));
        await Expect(page.Locator("#flow-revision")).ToHaveTextAsync("revision 1");
        var topology = page.Locator("#editor-topology svg.topology");
        await Expect(topology.Locator("[data-task-id=hello] .node-id")).ToHaveTextAsync("hello");
        await Expect(topology.Locator("[data-task-id=bye] .node-id")).ToHaveTextAsync("bye");
        await Expect(topology.Locator("path.edge[data-from=hello][data-to=bye]")).ToHaveCountAsync(1);
        var saved = await browser.Server.GetJsonAsync("api/v1/flows/ui.editor/typo?source=true");
        Assert.Equal(1, (int?)saved["revision"]);
        Assert.Contains("message: Hello", (string?)saved["source"], StringComparison.Ordinal);
        await Screens.CaptureAsync(page, "flow-editor");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Autocompletion_offers_task_types_and_properties_and_the_panel_documents_the_task_under_the_cursor()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/flows/new");
        await SetSourceAsync(page, "id: completing\nnamespace: ui.editor\ntasks:\n  - id: one\n    type: io.kestra.plugin.core.debug.Ret");
        await page.Keyboard.PressAsync("Control+Space");
        var options = page.Locator(".cm-tooltip-autocomplete li");
        await Expect(options.Filter(new() { HasText = "io.kestra.plugin.core.debug.Return" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".cm-line").Nth(4)).ToHaveTextAsync("    type: io.kestra.plugin.core.debug.Return");

        await page.Keyboard.InsertTextAsync("\n    for");
        await page.Keyboard.PressAsync("Control+Space");
        await Expect(options.Filter(new() { HasText = "format" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Documentation" }).ClickAsync();
        var docs = page.GetByRole(AriaRole.Tabpanel);
        await Expect(docs.Locator("h3")).ToContainTextAsync("Return");
        await Expect(docs.Locator("tr[data-property=format]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Revisions_show_side_by_side_and_an_old_one_restores_as_a_new_revision()
    {
        const string first = "id: revised\nnamespace: ui.editor\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: first\n";
        await browser.Server.CreateFlowAsync(first);
        await browser.Server.PostYamlAsync("api/v1/flows/ui.editor/revised", first.Replace("first", "second", StringComparison.Ordinal), HttpMethod.Put);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/ui/flows/edit/ui.editor/revised/revisions");
        await Expect(page.GetByLabel("Left revision")).ToHaveValueAsync("1");
        await Expect(page.GetByLabel("Right revision")).ToHaveValueAsync("2");
        var diff = page.Locator("#revision-diff");
        await Expect(diff.Locator(".cm-changedLine")).ToHaveCountAsync(2);
        await Expect(diff.Locator(".cm-merge-a")).ToContainTextAsync("message: first");
        await Expect(diff.Locator(".cm-merge-b")).ToContainTextAsync("message: second");
        await Screens.CaptureAsync(page, "flow-revisions");

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore revision 1" }).ClickAsync();
        await Expect(page.Locator("#flow-revision")).ToHaveTextAsync("revision 3");
        var latest = await browser.Server.GetJsonAsync("api/v1/flows/ui.editor/revised?source=true");
        Assert.Equal(first, (string?)latest["source"]);
    }

    [Fact]
    public async Task Export_downloads_the_source_copy_opens_a_draft_and_delete_asks_then_removes_the_flow()
    {
        const string source = "id: handled\nnamespace: ui.editor\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
        await browser.Server.CreateFlowAsync(source);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/flows/edit/ui.editor/handled");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync());
        Assert.Equal("ui.editor.handled.yml", download.SuggestedFilename);
        Assert.Equal(source, await File.ReadAllTextAsync(await download.PathAsync()));

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/new$"));
        await Expect(page.Locator(".cm-line").First).ToHaveTextAsync("id: handled_copy");

        await page.GotoAsync("/ui/flows/edit/ui.editor/handled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.Server.Client.GetAsync("api/v1/flows/ui.editor/handled")).StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows$"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Server.Client.GetAsync("api/v1/flows/ui.editor/handled")).StatusCode);
    }

    /// <summary>Replaces the editor's text as a paste would (no auto-indentation).</summary>
    internal static async Task SetSourceAsync(IPage page, string source)
    {
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.InsertTextAsync(source);
    }
}
