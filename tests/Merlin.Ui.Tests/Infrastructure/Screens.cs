using System.Text.Json;
using Microsoft.Playwright;

namespace Merlin.Ui.Tests.Infrastructure;

/// <summary>
/// Screenshots of a page at 1400 and 400 px for review (written under <c>artifacts/screenshots/</c> at the repository
/// root, git-ignored), and the layout check that at 400 px nothing makes the page scroll sideways.
/// </summary>
public static class Screens
{
    public static readonly int[] Widths = [1400, 400];

    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Merlin.slnx")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    /// <summary>Shoots the page at each width, asserts no horizontal page overflow at each, and restores 1400 px.</summary>
    public static async Task CaptureAsync(IPage page, string name)
    {
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await AssertNoHorizontalOverflowAsync(page, $"{name} at {width} px");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder.Value, $"{name}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(Widths[0], 900);
    }

    /// <summary>
    /// The document is no wider than the viewport, and no visible element sticks out past its right edge unless a
    /// scrolling box (tables, logs, the editor) contains it. Measured from the layout, not from pixels.
    /// </summary>
    public static async Task AssertNoHorizontalOverflowAsync(IPage page, string where)
    {
        var report = await page.EvaluateAsync<JsonElement>("""
            () => {
              const width = document.documentElement.clientWidth;
              const clipped = el => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                  const o = getComputedStyle(p).overflowX;
                  if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
                }
                return false;
              };
              const sticksOut = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; };
              const spills = el => el.clientWidth > 0 && el.children.length === 0 && getComputedStyle(el).overflowX === 'visible'
                && el.getBoundingClientRect().left + el.scrollWidth > width + 1; // text running past the viewport
              const offenders = [...document.body.querySelectorAll('*')]
                .filter(el => (sticksOut(el) || spills(el)) && !clipped(el) && !el.matches('.sr-only, .sr-only *'))
                .slice(0, 5).map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
              return { scroll: document.documentElement.scrollWidth, width, offenders };
            }
            """);
        var scroll = report.GetProperty("scroll").GetInt32();
        var width = report.GetProperty("width").GetInt32();
        var offenders = string.Join(", ", report.GetProperty("offenders").EnumerateArray().Select(o => o.GetString()));
        Assert.True(scroll <= width && offenders.Length == 0, $"{where}: the page is {scroll} px wide for {width} px ({offenders})");
    }
}
