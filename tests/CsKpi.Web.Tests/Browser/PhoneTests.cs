using CsKpi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// The dashboard on a 390 px phone in Chromium: nothing wider than the screen (the charts scale down), and no more
/// than four tiles before the first chart; 更多 / More opens the rest. Screenshots in both languages.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PhoneTests(SiteFixture site, ITestOutputHelper output)
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public async Task On_a_phone_the_dashboard_fits_its_width_and_a_chart_follows_at_most_four_tiles()
    {
        var (server, root) = ChromiumSite.Serve(site);
        using var _ = server;
        Directory.CreateDirectory(Shots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumSite.Launch(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(root + "/");
        await page.FillAsync("input[name=UserName]", "admin");
        await page.FillAsync("input[name=Password]", SiteFixture.Password);
        await page.ClickAsync("#signin button[type=submit]");
        await page.WaitForURLAsync(root + "/");

        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = root }]);
            await page.GotoAsync(root + "/");
            await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete)", null, new() { Timeout = 60_000 });
            var shot = Path.Combine(Shots, $"dashboard-phone-{language}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            output.WriteLine($"screenshot {shot}");

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{language}: the page is {width} px wide on a 390 px phone");
            var chartsWidest = await page.EvaluateAsync<double>("() => Math.max(...Array.from(document.querySelectorAll('.charts img')).map(i => i.getBoundingClientRect().right))");
            Assert.True(chartsWidest <= 390, $"{language}: a chart ends at {chartsWidest} px");
            var tilesAbove = await page.EvaluateAsync<int>("""
                () => {
                  const chart = document.querySelector('.charts img').getBoundingClientRect().top;
                  return Array.from(document.querySelectorAll('#kpis .tile')).filter(t => t.offsetParent !== null && t.getBoundingClientRect().top < chart).length;
                }
                """);
            Assert.InRange(tilesAbove, 1, 4);

            await page.ClickAsync("#more-kpis-label");
            var visible = await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('#kpis .tile')).filter(t => t.offsetParent !== null).length");
            var all = await page.EvaluateAsync<int>("() => document.querySelectorAll('#kpis .tile').length");
            Assert.Equal(all, visible);
        }
    }
}
