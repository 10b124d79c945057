using CsKpi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// Issue 18.6: the agent page (and 18.5's staffing plan) fits a 1,400 px window in Chinese and in English — the document
/// is no wider than the viewport, and no table of the page sticks out of the main column — with screenshots of both.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class AgentPageWidthTests(SiteFixture site, ITestOutputHelper output)
{
    private const int Width = 1400;
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public Task The_agent_page_fits_a_1400_px_window_in_both_languages() =>
        InBothLanguages(SiteFixture.AgentPath(site.OwnAgent) + "?grain=range&from=2026-03-01&to=2026-03-31", "agent", ["orders", "undecided", "career"]);

    [BrowserFact]
    public Task The_staffing_plan_fits_a_1400_px_window_in_both_languages() =>
        InBothLanguages("/planning?target=500000", "planning", ["headcount", "plan-explained", "roster-shifts", "hourly-plan"]);

    /// <summary>Signs in as admin and opens the page in Chinese then English: screenshots, then the width checks.</summary>
    private async Task InBothLanguages(string path, string name, string[] parts)
    {
        var (server, root) = ChromiumSite.Serve(site);
        using var _ = server;
        Directory.CreateDirectory(Shots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumSite.Launch(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = Width, Height = 900 } });
        var page = await context.NewPageAsync();
        await ChromiumSite.SignIn(page, root);

        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = root }]);
            await page.GotoAsync(root + path);
            await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete)", null, new() { Timeout = 60_000 });
            var shot = Path.Combine(Shots, $"{name}-{Width}-{language}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            output.WriteLine($"screenshot {shot}");
            foreach (var part in parts)
            {
                await page.Locator("#" + part).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Shots, $"{name}-{Width}-{language}-{part}.png") });
            }

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= Width, $"{language}: {path} is {width} px wide in a {Width} px window");
            // A table may scroll inside its own box (.scroll), but none may reach past the main column.
            var outside = await page.EvaluateAsync<string[]>("""
                () => {
                  const main = document.querySelector('main').getBoundingClientRect().right;
                  return Array.from(document.querySelectorAll('main table, main img, main section'))
                    .filter(e => { const box = e.closest('.scroll'); return (box ? box.getBoundingClientRect().right : e.getBoundingClientRect().right) > main + 1; })
                    .map(e => (e.id || e.className || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right));
                }
                """);
            Assert.True(outside.Length == 0, $"{language}: past the main column ({string.Join(", ", outside)})");
        }
    }
}
