using System.Net;
using CsKpi.Web.Tests.Browser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CsKpi.Web.Tests.Support;

/// <summary>What the browser tests share: the fixture's site on real Kestrel on a free loopback port, and Debian's Chromium, headless.</summary>
public static class ChromiumSite
{
    /// <summary>The site listening on a loopback port (with "today" pinned when a clock is given), and its root URL.</summary>
    public static (WebApplicationFactory<Program> Server, string Root) Serve(SiteFixture site, TimeProvider? clock = null)
    {
        var port = BrowserTests.FreePort();
        var server = site.Create(new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{port}", ["SignIn:AttemptsPerMinute"] = "100" });
        if (clock is not null)
        {
            server = server.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton(clock)));
        }

        server.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        server.StartServer();
        return (server, $"http://127.0.0.1:{port}");
    }

    /// <summary>Signs the page in as the user (the fixture's password) and waits for the dashboard.</summary>
    public static async Task SignIn(IPage page, string root, string user = "admin")
    {
        await page.GotoAsync(root + "/");
        await page.FillAsync("input[name=UserName]", user);
        await page.FillAsync("input[name=Password]", SiteFixture.Password);
        await page.ClickAsync("#signin button[type=submit]");
        await page.WaitForURLAsync(root + "/");
    }

    public static Task<IBrowser> Launch(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = BrowserTests.Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}
