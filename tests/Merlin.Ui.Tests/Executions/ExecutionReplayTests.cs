using System.Text.RegularExpressions;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Executions;

/// <summary>Replay from a chosen task and labels, from the execution page (Kestra's replay and labels routes).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ExecutionReplayTests(BrowserFixture browser)
{
    static ExecutionReplayTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Replay_from_a_task_runs_that_task_and_the_following_ones_in_a_new_execution()
    {
        await browser.Server.CreateFlowAsync("""
            id: replayed
            namespace: ui.replay
            tasks:
              - id: first
                type: io.kestra.plugin.core.log.Log
                message: first ran
              - id: second
                type: io.kestra.plugin.core.log.Log
                message: second ran
            """);
        var original = (string)(await browser.Server.ExecuteAsync("ui.replay", "replayed"))["id"]!;
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/ui/executions/ui.replay/replayed/{original}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Replay from").SelectOptionAsync(new SelectOptionValue { Label = "second (SUCCESS)" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Expect(page).Not.ToHaveURLAsync(new Regex(Regex.Escape(original)));
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS");
        var replay = ExecutionId().Match(page.Url).Groups[1].Value;
        await browser.Server.WaitEndAsync(replay);
        var logs = await browser.Server.LogsAsync(replay);
        Assert.Contains("second ran", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("first ran", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_are_set_from_the_execution_page()
    {
        await browser.Server.CreateFlowAsync("id: labelled\nnamespace: ui.replay\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");
        var id = (string)(await browser.Server.ExecuteAsync("ui.replay", "labelled"))["id"]!;
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/ui/executions/ui.replay/labelled/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Labels" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Label 1 key").FillAsync("env");
        await dialog.GetByLabel("Label 1 value").FillAsync("prod");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save labels" }).ClickAsync();

        await Expect(page.Locator("dl.facts .tag").Filter(new() { HasText = "env:prod" })).ToBeVisibleAsync();
        var labels = (await browser.Server.GetJsonAsync($"api/v1/executions/{id}"))["labels"]!.AsArray();
        Assert.Contains(labels, l => (string?)l!["key"] == "env" && (string?)l["value"] == "prod");
    }

    [GeneratedRegex("/ui/executions/[^/]+/[^/]+/([^/?]+)")]
    private static partial Regex ExecutionId();
}
