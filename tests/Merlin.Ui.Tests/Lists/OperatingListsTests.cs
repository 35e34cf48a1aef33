using System.Net;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Lists;

/// <summary>Lists that operate: executions (live, filters, bulk kill), flows (last run, bulk disable), triggers, KV.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatingListsTests(BrowserFixture browser)
{
    static OperatingListsTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task The_execution_list_shows_new_executions_live_filters_by_label_and_kills_in_bulk()
    {
        await browser.Server.CreateFlowAsync("""
            id: sleeper
            namespace: ui.lists
            tasks:
              - id: sleep
                type: io.kestra.plugin.core.flow.Sleep
                duration: PT5M
            """);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/executions?namespace=ui.lists&flowId=sleeper");
        await Expect(page.GetByText("No execution found.")).ToBeVisibleAsync();

        var first = (string)(await browser.Server.ExecuteAsync("ui.lists", "sleeper", query: "wait=false&labels=team:blue"))["id"]!;
        var second = (string)(await browser.Server.ExecuteAsync("ui.lists", "sleeper", query: "wait=false&labels=team:red"))["id"]!;
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = first })).ToBeVisibleAsync(); // appeared without a reload
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = second })).ToBeVisibleAsync();

        await page.GetByLabel("Labels").FillAsync("team:blue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = second })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = first })).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, "executions");

        await page.GetByLabel("Labels").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.GetByLabel("Select all executions").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Selected executions" }).GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();

        await Expect(page.Locator($"tr[data-execution='{first}'] [data-state]")).ToHaveTextAsync("KILLED");
        await Expect(page.Locator($"tr[data-execution='{second}'] [data-state]")).ToHaveTextAsync("KILLED");
        await browser.Server.WaitForStateAsync(first, "KILLED");
        await browser.Server.WaitForStateAsync(second, "KILLED");
    }

    [Fact]
    public async Task The_flow_list_shows_the_last_run_and_disables_selected_flows()
    {
        await browser.Server.CreateFlowAsync("id: listed\nnamespace: ui.lists.flows\nlabels:\n  owner: data\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");
        await browser.Server.ExecuteAsync("ui.lists.flows", "listed");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/flows?q=ui.lists.flows");
        var row = page.Locator("tr[data-flow='ui.lists.flows/listed']");
        await Expect(row.Locator(".last-run [data-state]")).ToHaveTextAsync("SUCCESS");
        await Expect(row).ToContainTextAsync("owner:data");
        await Screens.CaptureAsync(page, "flows");

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row.Locator(".tag").Filter(new() { HasText = "disabled" })).ToBeVisibleAsync();
        Assert.True((bool?)(await browser.Server.GetJsonAsync("api/v1/flows/ui.lists.flows/listed"))["disabled"]);

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(row.Locator(".tag").Filter(new() { HasText = "disabled" })).ToHaveCountAsync(0);
        Assert.False((bool?)(await browser.Server.GetJsonAsync("api/v1/flows/ui.lists.flows/listed"))["disabled"]);
    }

    [Fact]
    public async Task The_trigger_page_shows_the_next_date_and_disables_a_trigger()
    {
        await browser.Server.CreateFlowAsync("id: nightly\nnamespace: ui.lists.triggers\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\ntriggers:\n  - id: night\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: \"0 3 * * *\"\n");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/triggers?namespace=ui.lists.triggers");
        var row = page.Locator("tr[data-trigger='ui.lists.triggers.nightly.night']");
        await Expect(row).ToContainTextAsync("Schedule");
        await Screens.CaptureAsync(page, "triggers");

        await row.GetByRole(AriaRole.Switch).UncheckAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Disabled ui.lists.triggers.nightly.night");
        var found = await browser.Server.GetJsonAsync("api/v1/triggers/search?namespace=ui.lists.triggers");
        Assert.True((bool?)found["results"]![0]!["triggerContext"]!["disabled"]);
    }

    [Fact]
    public async Task A_kv_entry_is_set_with_its_type_and_ttl_then_deleted()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/ui/namespaces/ui.lists.kv/kv");
        await Expect(page.GetByText("No key in this namespace.")).ToBeVisibleAsync();

        await page.GetByLabel("Key").FillAsync("answer");
        await page.GetByLabel("Type").SelectOptionAsync("NUMBER");
        await page.GetByLabel("Value").FillAsync("42");
        await page.GetByLabel("Time to live").FillAsync("PT1H");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var row = page.Locator("tr[data-key=answer]");
        await Expect(row).ToContainTextAsync("NUMBER");
        await Expect(row.Locator("pre")).ToHaveTextAsync("42");
        var stored = await browser.Server.GetJsonAsync("api/v1/namespaces/ui.lists.kv/kv/answer");
        Assert.Equal("NUMBER", (string?)stored["type"]);
        Assert.Equal(42, (int?)stored["value"]);
        Assert.NotNull((string?)(await browser.Server.GetJsonAsync("api/v1/namespaces/ui.lists.kv/kv"))[0]!["expirationDate"]);
        await Screens.CaptureAsync(page, "namespace-kv");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete answer" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByText("No key in this namespace.")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Server.Client.GetAsync("api/v1/namespaces/ui.lists.kv/kv/answer")).StatusCode);
    }
}
