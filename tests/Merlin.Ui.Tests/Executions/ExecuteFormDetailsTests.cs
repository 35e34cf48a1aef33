using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Executions;

/// <summary>The Execute form's details: required markers, time zone, partial dates, errors beside their fields, sticky buttons.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExecuteFormDetailsTests(BrowserFixture browser)
{
    static ExecuteFormDetailsTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Defaults_are_not_required_the_zone_shows_a_partial_datetime_is_an_error_and_a_fixed_json_error_clears()
    {
        await browser.Server.CreateFlowAsync("""
            id: detailed
            namespace: ui.form
            inputs:
              - id: when
                type: DATETIME
                required: false
              - id: payload
                type: JSON
                required: false
              - id: greeting
                type: STRING
                defaults: hello
              - id: name
                type: STRING
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.name }}"
            """);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/flows/edit/ui.form/detailed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);

        await Expect(dialog.Locator("[data-input=greeting] .required")).ToHaveCountAsync(0);
        await Expect(dialog.GetByLabel("greeting")).Not.ToHaveAttributeAsync("aria-required", "true");
        await Expect(dialog.Locator("[data-input=name] .required")).ToHaveCountAsync(1);
        var zone = await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone");
        await Expect(dialog.Locator("[data-input=when] .hint")).ToContainTextAsync(zone);

        await dialog.GetByLabel("name").FillAsync("Ada");
        await dialog.GetByLabel("when").FocusAsync();
        await page.Keyboard.TypeAsync("12"); // the month only
        await dialog.GetByLabel("payload").FillAsync("{ not json");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        await Expect(dialog.Locator("[data-input=when] .field-error")).ToHaveTextAsync("Incomplete date and time.");
        await Expect(dialog.Locator("[data-input=payload] .field-error")).ToHaveTextAsync("Not valid JSON.");
        await dialog.GetByLabel("payload").FillAsync("{\"ok\": true}");
        await Expect(dialog.Locator("[data-input=payload] .field-error")).ToBeEmptyAsync();
        await Expect(dialog.GetByLabel("payload")).Not.ToHaveAttributeAsync("aria-invalid", "");
    }

    [Fact]
    public async Task Every_server_side_input_error_shows_beside_its_field_and_the_buttons_stay_in_view()
    {
        var inputs = string.Join("\n", Enumerable.Range(1, 25).Select(i => $"  - id: extra{i}\n    type: STRING\n    defaults: x"));
        await browser.Server.CreateFlowAsync($"""
            id: many
            namespace: ui.form
            inputs:
              - id: code
                type: STRING
                validator: "^[a-z]+$"
              - id: count
                type: INT
                max: 3
            {inputs}
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: hi
            """);
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 700);
        await page.GotoAsync("/ui/flows/edit/ui.form/many");
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeInViewportAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeInViewportAsync();

        await dialog.GetByLabel("code").FillAsync("NOT LOWER");
        await dialog.GetByLabel("count").FillAsync("9");
        await dialog.GetByLabel("extra25").ScrollIntoViewIfNeededAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeInViewportAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        await Expect(dialog.Locator("[data-input=code] .field-error")).ToContainTextAsync("must match the pattern");
        await Expect(dialog.Locator("[data-input=count] .field-error")).ToContainTextAsync("count");
        await Expect(dialog.GetByLabel("count")).ToHaveAttributeAsync("aria-invalid", "");
        await Screens.CaptureAsync(page, "execute-form");
    }
}
