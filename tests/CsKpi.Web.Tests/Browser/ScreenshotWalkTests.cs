using CsKpi.Jobs;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// Every page of the site (and its main variants: an agent, a sampled reception's review, the SQL page with a result,
/// an error page, the sign-in page) in Chromium at 1,400 px and on a 390 px phone, in Chinese and in English: a
/// full-page screenshot of each, and no page wider than its window. The screenshots are for people to look at
/// (issue 18): they go to <c>$CSKPI_SCREENSHOTS</c> when set, else <c>screenshots/walk/</c> under the test output,
/// named <c>{page}-{width}-{language}.png</c>. "Today" is pinned to the Monday after the fixture's week, so every
/// page reads as it would the morning after.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ScreenshotWalkTests(SiteFixture site, ITestOutputHelper output)
{
    private static readonly DateOnly Today = SiteFixture.Start.AddDays(7);

    public static string Folder => Environment.GetEnvironmentVariable("CSKPI_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots", "walk");

    /// <summary>The pages as an admin (who may open every one) walks them: a name for the file, the path, and the images to wait for.</summary>
    private IReadOnlyList<(string Name, string Path)> Pages(ulong reviewKey) =>
    [
        ("dashboard", "/"),
        ("agents", "/agents"),
        ("agent", "/agents/" + Uri.EscapeDataString(site.OwnAgent)),
        ("rankings", "/rankings"),
        ("scorecards", "/scorecards"),
        ("scorecard-edit", "/scorecards/edit"),
        ("reports", "/reports?grain=month&date=2026-03-02"),
        ("reconciliation", "/reports/reconciliation?grain=month&from=2026-03-01"),
        ("training", "/training"),
        ("promotions", "/promotions?half=2026H1"),
        ("planning", "/planning?target=2000000&aov=200&share=30&conversion=50&receptions=300"),
        ("planning-team", "/planning/team?grain=range&from=2026-03-01&to=2026-03-31&team=" + Uri.EscapeDataString(site.Team)),
        ("reviews", "/reviews"),
        ("review", "/reviews/" + reviewKey),
        ("sql", "/sql"),
        ("firm", "/firm"),
        ("etl", "/etl"),
        ("users", "/account/users"),
        ("error", "/status/404"),
    ];

    [BrowserFact]
    public async Task Every_page_at_1400_and_390_px_in_both_languages_fits_its_window_and_is_photographed()
    {
        ChatSamplingJob.Run(site.Warehouse, SiteFixture.Start);
        var reviewKey = ChatReviews.Sample(site.Warehouse, SiteFixture.Start).First(s => s.AgentId == site.OwnAgent).ConsultationKey;
        var (server, root) = ChromiumSite.Serve(site, new PinnedClock(Today));
        using var _ = server;
        Directory.CreateDirectory(Folder);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumSite.Launch(playwright);

        var tooWide = new List<string>();
        var failed = new List<string>();
        var shots = 0;
        foreach (var (width, height, phone) in new[] { (1400, 900, false), (390, 844, true) })
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height }, IsMobile = phone });
            var page = await context.NewPageAsync();
            page.Response += (_, response) =>
            {
                if (response.Status >= 400 && !response.Url.Contains("/status/404", StringComparison.Ordinal))
                {
                    failed.Add($"{response.Status} {response.Url} at {width} px");
                }
            };

            foreach (var language in new[] { "zh-CN", "en-US" })
            {
                await context.ClearCookiesAsync();
                await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = root }]);
                await page.GotoAsync(root + "/account/signin");
                await Check(page, "signin", width, language);
                await page.FillAsync("input[name=UserName]", "admin");
                await page.FillAsync("input[name=Password]", SiteFixture.Password);
                await page.ClickAsync("#signin button[type=submit]");
                await page.WaitForURLAsync(root + "/");

                foreach (var (name, path) in Pages(reviewKey))
                {
                    await page.GotoAsync(root + path);
                    await Check(page, name, width, language);
                }

                // the SQL page's main variant: a query's result
                await page.GotoAsync(root + "/sql");
                await page.FillAsync("#sql-query", "select agent_name, team, sum(received_buyers) as receptions, sum(sales_amount) as sales from kpi_agent_daily group by all order by 3 desc");
                await page.ClickAsync("#sql-run");
                await page.WaitForSelectorAsync("#sql-result");
                await Check(page, "sql-result", width, language);
            }
        }

        output.WriteLine($"{shots} screenshots in {Folder}");
        Assert.True(failed.Count == 0, "failed requests: " + string.Join("; ", failed));
        Assert.True(tooWide.Count == 0, "wider than the window: " + string.Join("; ", tooWide));

        async Task Check(IPage page, string name, int width, string language)
        {
            await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete)", null, new() { Timeout = 120_000 });
            var file = Path.Combine(Folder, $"{name}-{width}-{language}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            shots++;
            var scrollWidth = await page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
            if (scrollWidth > width)
            {
                // what sticks out, so the message says where to look
                var culprits = await page.EvaluateAsync<string[]>($$"""
                    () => Array.from(document.querySelectorAll('main *, header *'))
                      .filter(e => e.getBoundingClientRect().right > {{width}} + 1 && !e.closest('.scroll'))
                      .filter((e, _, all) => !all.some(p => p !== e && p.contains(e)))
                      .slice(0, 3)
                      .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
                    """);
                tooWide.Add($"{name} {language} at {width} px is {scrollWidth} px ({string.Join(", ", culprits)})");
            }

            output.WriteLine($"{file} {scrollWidth} px");
        }
    }
}
