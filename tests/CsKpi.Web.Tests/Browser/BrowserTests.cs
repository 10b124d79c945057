using System.Net;
using System.Net.Sockets;
using CsKpi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright against the site on real Kestrel on a loopback port: sign in,
/// the dashboard with every chart loaded, another period, an agent, a CSV download, the other pages; a screenshot of
/// each under the test output's screenshots/ folder.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class BrowserTests(SiteFixture site, ITestOutputHelper output)
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public async Task A_manager_signs_in_reads_the_dashboard_changes_the_period_opens_an_agent_and_downloads_csv()
    {
        var (server, root) = ChromiumSite.Serve(site);
        using var _ = server;
        Directory.CreateDirectory(Shots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumSite.Launch(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new() { Width = 1360, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(root + "/");
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=UserName]", "admin");
        await page.FillAsync("input[name=Password]", SiteFixture.Password);
        await page.ClickAsync("#signin button[type=submit]");
        await page.WaitForURLAsync(root + "/");

        await AllChartsLoaded(page, 5);
        await Shot(page, "dashboard");
        var firstLabel = await page.InnerTextAsync("#period-label");

        await page.SelectOptionAsync("#grain", "month");
        await page.FillAsync("#from", $"{SiteFixture.Start:yyyy-MM-dd}");
        await page.ClickAsync("#apply");
        await page.WaitForURLAsync(url => url.Contains("grain=month", StringComparison.Ordinal));
        await AllChartsLoaded(page, 5);
        Assert.NotEqual(firstLabel, await page.InnerTextAsync("#period-label"));
        await Shot(page, "dashboard-month");

        await page.ClickAsync("#top-agents a");
        await page.WaitForURLAsync(url => url.Contains("/agents/", StringComparison.Ordinal));
        await AllChartsLoaded(page, 4);
        Assert.True(await page.Locator("#orders tr").CountAsync() > 1, "the agent page lists no credited order");
        await Shot(page, "agent");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("received_buyers", csv, StringComparison.Ordinal);

        await page.GotoAsync(root + "/sql");
        await page.FillAsync("#sql-query", "select agent_name, sum(received_buyers) as receptions from kpi_agent_daily group by all order by 2 desc");
        await page.ClickAsync("#sql-run");
        await page.WaitForSelectorAsync("#sql-result");
        Assert.True(await page.Locator("#sql-result tr").CountAsync() > 1, "the SQL page returned no row");
        var sqlCsv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#sql-csv"));
        Assert.StartsWith("agent_name,receptions", (await File.ReadAllTextAsync((await sqlCsv.PathAsync())!)).TrimStart('\uFEFF'), StringComparison.Ordinal);
        await Shot(page, "sql");

        foreach (var (path, name, charts) in new[] { ("/agents", "agents", 0), ("/rankings", "rankings", 1), ("/scorecards", "scorecards", 0), ("/reports?grain=month&date=" + $"{SiteFixture.Start:yyyy-MM-dd}", "reports", 4), ("/scorecards/edit", "scorecard-edit", 0), ("/etl", "etl", 0), ("/account/users", "users", 0), ("/training", "training", 0), ("/promotions", "promotions", 0), ("/planning?target=2000000&aov=200&share=30&conversion=50&receptions=300", "planning", 0), ("/reviews", "reviews", 0) })
        {
            var response = await page.GotoAsync(root + path);
            Assert.Equal(200, response!.Status);
            await AllChartsLoaded(page, charts);
            await Shot(page, name);
        }

        await page.ClickAsync("#language-switch");
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.GotoAsync(root + "/");
        await AllChartsLoaded(page, 5);
        await Shot(page, "dashboard-english");

        var jobs = await page.GotoAsync(root + "/hangfire/recurring");
        Assert.Equal(200, jobs!.Status);
        Assert.Equal(4, await page.Locator("text=Asia/Shanghai").CountAsync());
        await Shot(page, "hangfire");

        Assert.True(errors.Count == 0, "failed requests: " + string.Join(", ", errors));
    }

    /// <summary>Waits until every image of the page has loaded with a size (a broken chart has naturalWidth 0).</summary>
    private static async Task AllChartsLoaded(IPage page, int expected)
    {
        await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete)", null, new() { Timeout = 60_000 });
        var widths = await page.EvaluateAsync<int[]>("() => Array.from(document.images).map(i => i.naturalWidth)");
        Assert.True(widths.Length >= expected, $"{widths.Length} images, expected {expected}");
        Assert.All(widths, width => Assert.True(width > 0, "a chart image did not load"));
    }

    private async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(Shots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot {path}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Runs when Debian's Chromium is installed; in CI (CI=true) it always runs, so a missing browser fails the build
/// rather than skipping the test.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserTests.Chromium) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{BrowserTests.Chromium} is not installed (apt-get install -y chromium); CI=true makes this a failure";
        }
    }
}
