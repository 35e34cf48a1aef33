using System.Text;
using System.Text.RegularExpressions;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Executions;

/// <summary>Seed 003 in a real browser: the flow page's Execute button, its input form, and the execution page it leads to.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ExecuteFormTests(BrowserFixture browser)
{
    static ExecuteFormTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Execute_with_a_changed_input_lands_on_the_execution_with_its_log()
    {
        await browser.Server.CreateFlowAsync("""
            id: hello-world
            namespace: ui.seed

            inputs:
              - id: greeting
                type: STRING
                defaults: hey

            tasks:
              - id: hello
                type: io.kestra.core.tasks.log.Log
                message: "{{ inputs.greeting }}"

            triggers:
              - id: webhook
                type: io.kestra.core.models.triggers.types.Webhook
                key: test1234
            """);
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);

        await page.GotoAsync("/ui/flows");
        await page.GetByRole(AriaRole.Link, new() { Name = "hello-world" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/edit/ui.seed/hello-world"));
        await Expect(page.Locator(".cm-content")).ToContainTextAsync("inputs.greeting");

        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var greeting = dialog.GetByLabel("greeting");
        await Expect(greeting).ToHaveValueAsync("hey");
        await greeting.FillAsync("hey there from the browser");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(ExecutionUrl());
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS");
        await Expect(page.Locator("table.kv")).ToContainTextAsync("hey there from the browser");
        await page.GetByRole(AriaRole.Link, new() { Name = "Logs" }).ClickAsync();
        await Expect(page.Locator("ol.logs li.log").Filter(new() { HasText = "hey there from the browser" })).ToHaveCountAsync(1);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_file_input_is_uploaded_through_the_form()
    {
        await browser.Server.CreateFlowAsync("""
            id: upload
            namespace: ui.files
            inputs:
              - id: myfile
                type: FILE
            tasks:
              - id: print_data
                type: io.kestra.plugin.core.log.Log
                message: "file's content {{ read(inputs.myfile) }}"
            """);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/ui/flows/edit/ui.files/upload");
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("myfile").SetInputFilesAsync(new FilePayload
        {
            Name = "example.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes("uploaded from the form"),
        });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(ExecutionUrl());
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS");
        await page.GetByRole(AriaRole.Link, new() { Name = "Logs" }).ClickAsync();
        await Expect(page.Locator("ol.logs")).ToContainTextAsync("file's content uploaded from the form");
    }

    [Fact]
    public async Task An_invalid_input_shows_the_servers_message_beside_the_field()
    {
        await browser.Server.CreateFlowAsync("""
            id: checked
            namespace: ui.errors
            inputs:
              - id: code
                type: STRING
                validator: "[a-z]+"
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.code }}"
            """);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/ui/flows/edit/ui.errors/checked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("code").FillAsync("NOT LOWER");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        await Expect(dialog.Locator("[data-input=code] .field-error")).ToContainTextAsync("must match the pattern");
        await Expect(dialog.GetByLabel("code")).ToHaveAttributeAsync("aria-invalid", "");
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/edit/ui.errors/checked"));
    }

    [GeneratedRegex(@"/ui/executions/[^/]+/[^/]+/\w+")]
    private static partial Regex ExecutionUrl();
}
