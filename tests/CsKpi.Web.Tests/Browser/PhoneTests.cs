using CsKpi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// The dashboard on a 390 px phone in Chromium: nothing wider than the screen (the charts scale down), and no more
/// than four tiles before the first chart; 更多 / More opens the rest. The header is one row, its pages behind
/// 菜单 / Menu, so the content starts near the top. Screenshots in both languages.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PhoneTests(SiteFixture site, ITestOutputHelper output)
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public Task On_a_phone_the_dashboard_fits_its_width_and_a_chart_follows_at_most_four_tiles() => OnAPhone(async (context, page, root) =>
    {
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
    });

    [BrowserFact]
    public Task On_a_phone_the_header_is_one_row_and_its_menu_opens_the_pages() => OnAPhone(async (context, page, root) =>
    {
        const string contentTop = "() => document.querySelector('main').firstElementChild.getBoundingClientRect().top";
        const string visibleLinks = "() => Array.from(document.querySelectorAll('header.top nav a')).filter(a => a.offsetParent !== null).length";
        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = root }]);
            foreach (var url in new[] { "/", "/planning" })
            {
                await page.GotoAsync(root + url);
                var top = await page.EvaluateAsync<double>(contentTop);
                Assert.True(top <= 120, $"{language} {url}: the content starts {top} px down a 390 px phone");
                Assert.Equal(0, await page.EvaluateAsync<int>(visibleLinks));
            }

            // 菜单 / Menu opens every page of the admin's menu and the language switch, still no wider than the phone.
            await page.ClickAsync("#menu-label");
            var links = await page.EvaluateAsync<int>(visibleLinks);
            Assert.Equal(await page.EvaluateAsync<int>("() => document.querySelectorAll('header.top nav a').length"), links);
            Assert.True(links >= 10, $"{language}: {links} pages in the admin's menu");
            Assert.True(await page.IsVisibleAsync("#language-switch"), $"{language}: the menu has no language switch");
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, $"{language}: the open menu is wider than the phone");
            var shot = Path.Combine(Shots, $"menu-phone-{language}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
            output.WriteLine($"screenshot {shot}");
        }

        // On a wide screen there is no menu button: the pages are in the header.
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync(root + "/");
        Assert.False(await page.IsVisibleAsync("#menu-label"));
        Assert.True(await page.EvaluateAsync<int>(visibleLinks) >= 10);
    });

    /// <summary>The site, Chromium and a 390 px phone signed in as admin; the walk gets the context, the page and the root URL.</summary>
    private async Task OnAPhone(Func<IBrowserContext, IPage, string, Task> walk)
    {
        var (server, root) = ChromiumSite.Serve(site);
        using var _ = server;
        Directory.CreateDirectory(Shots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumSite.Launch(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        var page = await context.NewPageAsync();
        await ChromiumSite.SignIn(page, root);
        await walk(context, page, root);
    }
}
