using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Merlin.Testing;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Security;

/// <summary>With basic auth on, the UI shows its login page (never the browser prompt) and its API calls carry the credentials.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BasicAuthUiTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MerlinServer _secured = MerlinServer.With(o =>
    {
        o.Security.BasicAuth.Username = "admin";
        o.Security.BasicAuth.Password = "s3cret";
    });

    public async Task InitializeAsync()
    {
        await _secured.InitializeAsync();
        _secured.Client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret")));
    }

    public Task DisposeAsync() => _secured.DisposeAsync();

    [Fact]
    public async Task Without_credentials_the_ui_shows_its_login_page_and_works_once_signed_in()
    {
        await _secured.CreateFlowAsync("id: guarded\nnamespace: ui.auth\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = _secured.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var challenged = false;
        page.Response += (_, response) => challenged |= response.Headers.ContainsKey("www-authenticate");

        await page.GotoAsync("/ui/flows");
        await Expect(page).ToHaveURLAsync(new Regex("/ui/login\\?next=%2Fui%2Fflows$"));
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");
        await Screens.CaptureAsync(page, "login");

        await page.GetByLabel("Password").FillAsync("s3cret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "guarded" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS", new() { Timeout = 15_000 });
        Assert.False(challenged, "a UI call was answered with a Basic challenge (the browser would prompt)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/ui/login$"));
    }
}
