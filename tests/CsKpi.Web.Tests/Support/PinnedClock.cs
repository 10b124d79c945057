using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Support;

/// <summary>A clock stopped at noon of one day in the stores' time zone (Asia/Shanghai, UTC+8).</summary>
public sealed class PinnedClock(DateOnly today) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);

    /// <summary>The fixture's site with "today" pinned: what a page counts as the current week, half and last day.</summary>
    public static WebApplicationFactory<Program> Site(SiteFixture site, DateOnly today) =>
        site.Create(new Dictionary<string, string?> { ["SignIn:AttemptsPerMinute"] = "10000" })
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new PinnedClock(today))));
}
