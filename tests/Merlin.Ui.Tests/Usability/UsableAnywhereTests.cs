using System.Text.RegularExpressions;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Usability;

/// <summary>Keyboard only, theme and time zone settings, narrow screens.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class UsableAnywhereTests(BrowserFixture browser)
{
    static UsableAnywhereTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_flow_is_written_saved_and_executed_with_the_keyboard_only()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/flows");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create flow" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/new$"));
        await Expect(page.Locator(".cm-content")).ToBeFocusedAsync(); // the editor takes the focus
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.InsertTextAsync("id: keyboard\nnamespace: ui.keys\ntasks:\n  - id: hi\n    type: io.kestra.plugin.core.log.Log\n    message: typed\n");
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page).ToHaveURLAsync(new Regex("/ui/flows/edit/ui.keys/keyboard$"));

        // Escape then Shift+Tab leaves the editor; walk back to the Execute button.
        await page.Locator(".cm-content").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        for (var i = 0; i < 30 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "execute"; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS");
    }

    [Fact]
    public async Task The_theme_switches_and_persists_and_dates_follow_the_chosen_time_zone()
    {
        await browser.Server.CreateFlowAsync("id: zoned\nnamespace: ui.zones\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");
        var id = (string)(await browser.Server.ExecuteAsync("ui.zones", "zoned"))["id"]!;
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/ui/executions/ui.zones/zoned/{id}");
        var background = () => page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor");
        await page.GetByLabel("Colour theme").SelectOptionAsync("light");
        var light = await background();
        await page.GetByLabel("Colour theme").SelectOptionAsync("dark");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.NotEqual(light, await background());
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Screens.CaptureAsync(page, "execution-dark");

        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Tokyo");
        var created = page.Locator("dl.facts time").First;
        await Expect(created).ToHaveAttributeAsync("title", new Regex("^Asia/Tokyo "));
        var iso = await created.GetAttributeAsync("datetime") ?? "";
        var expected = await page.EvaluateAsync<string>("iso => new Date(iso).toLocaleString(undefined, { timeZone: 'Asia/Tokyo' })", iso);
        await Expect(created).ToHaveTextAsync(expected);
    }

    [Fact]
    public async Task The_namespace_pages_fit_a_narrow_screen()
    {
        await browser.Server.CreateFlowAsync("id: narrow_with_a_rather_long_identifier_to_wrap\nnamespace: ui.narrow.with.a.long.namespace.name\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/namespaces");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "ui.narrow.with.a.long.namespace.name" })).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, "namespaces");
        await page.GetByRole(AriaRole.Link, new() { Name = "ui.narrow.with.a.long.namespace.name" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "narrow_with_a_rather_long_identifier_to_wrap" })).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, "namespace-flows");
    }
}
