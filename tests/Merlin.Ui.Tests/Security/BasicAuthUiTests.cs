using System.Net.Http.Headers;
using System.Text;
using Merlin.Testing;
using Merlin.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Merlin.Ui.Tests.Security;

/// <summary>With basic auth on, the browser is challenged, and once it has credentials the UI's API calls carry them.</summary>
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
    public async Task The_ui_needs_credentials_and_works_with_them()
    {
        await _secured.CreateFlowAsync("id: guarded\nnamespace: ui.auth\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n");

        await using var anonymous = await browser.Browser.NewContextAsync(new() { BaseURL = _secured.BaseAddress.ToString() });
        // Headless Chromium cancels the credentials prompt, so the challenge is read through the context's request API.
        var refused = await anonymous.APIRequest.GetAsync("/ui/flows");
        Assert.Equal(401, refused.Status);
        Assert.StartsWith("Basic", refused.Headers["www-authenticate"], StringComparison.Ordinal);

        await using var signedIn = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = _secured.BaseAddress.ToString(),
            HttpCredentials = new() { Username = "admin", Password = "s3cret" },
        });
        var page = await signedIn.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "guarded" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "guarded" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await Expect(page.Locator(".status [data-state]")).ToHaveTextAsync("SUCCESS", new() { Timeout = 15_000 });
    }
}
