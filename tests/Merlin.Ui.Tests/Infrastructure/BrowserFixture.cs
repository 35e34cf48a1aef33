using Merlin.Testing;
using Microsoft.Playwright;

namespace Merlin.Ui.Tests.Infrastructure;

/// <summary>
/// One Merlin server and one headless Chromium for a test class. The browser is the one named by the
/// <c>MERLIN_CHROMIUM</c> environment variable, by default Debian's <c>/usr/bin/chromium</c> (installed by
/// <c>.ci/run</c>); Playwright never downloads one.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("MERLIN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public MerlinServer Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with `apt-get install -y chromium` (.ci/run does) or set MERLIN_CHROMIUM to a Chromium or Chrome binary.");
        }

        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh page (own context) with the server (or <paramref name="server"/>) as base URL; console errors fail through <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string>? errors = null, MerlinServer? server = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = (server ?? Server).BaseAddress.ToString(), AcceptDownloads = true });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (errors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
        }

        return page;
    }
}
