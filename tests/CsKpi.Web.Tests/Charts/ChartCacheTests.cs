using System.Text.RegularExpressions;
using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Seed;
using CsKpi.Warehouse;
using CsKpi.Web.Account;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Charts;

/// <summary>
/// Two stores that both have a team of the same name (售前一组 in each): a supervisor of one must never be served the
/// chart drawn for the other's, however the URL reads, because the cache keys on the viewer's whole scope.
/// </summary>
public sealed partial class ChartCacheTests : IDisposable
{
    private readonly EmptySite folder = new(fromTemplate: true);
    private readonly WarehouseDatabase warehouse;
    private readonly string team;
    private readonly (string Store, string User) first;
    private readonly (string Store, string User) second;

    public ChartCacheTests()
    {
        var inbox = Path.Combine(Path.GetDirectoryName(folder.WarehousePath)!, "inbox");
        SeedRun.Run(new SeedOptions { OutputDirectory = inbox, Stores = 2, Agents = 4, Days = 4, Start = SiteFixture.Start, Seed = 23 });
        warehouse = WarehouseDatabase.Open(new WarehouseOptions(folder.WarehousePath));
        IngestJob.Run(warehouse, new EtlOptions { Inbox = inbox });
        using var connection = warehouse.OpenConnection();
        var shared = connection.Query<(string Team, string First, string Second)>("""
            select team, min(store_id), max(store_id) from core.dim_agent
            where is_current and is_registered group by team having count(distinct store_id) = 2 order by team limit 1
            """).Single();
        team = shared.Team;
        first = (shared.First, "supervisor-a");
        second = (shared.Second, "supervisor-b");
    }

    [Fact]
    public async Task A_supervisor_is_never_served_the_chart_of_the_same_named_team_in_another_store()
    {
        using var site = Site();
        using var a = await SiteFixture.SignedIn(site, first.User);
        using var b = await SiteFixture.SignedIn(site, second.User);
        var url = ChartUrl(await a.GetStringAsync("/"));
        Assert.Contains("store=" + Uri.EscapeDataString(first.Store), url, StringComparison.Ordinal);

        var drawnForA = await a.GetByteArrayAsync(url);
        var servedToB = await b.GetByteArrayAsync(url);

        // What B's own scope draws, from a site whose cache has never seen A.
        using var cold = Site();
        using var coldB = await SiteFixture.SignedIn(cold, second.User);
        var drawnForB = await coldB.GetByteArrayAsync(url);
        Assert.NotEqual(drawnForA, drawnForB);
        Assert.Equal(drawnForB, servedToB);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Site()
    {
        var site = folder.Create("Testing", ("SignIn:AttemptsPerMinute", "10000"));
        var users = site.Services.GetRequiredService<UserStore>();
        foreach (var (store, user) in new[] { first, second })
        {
            users.Save(new UserAccount { UserName = user, DisplayName = user, Role = Roles.Supervisor, StoreId = store, Team = team }, SiteFixture.Password, "test");
        }

        return site;
    }

    private static string ChartUrl(string dashboard) =>
        System.Net.WebUtility.HtmlDecode(HourlyChart().Match(dashboard) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException("the dashboard shows no hourly chart"));

    public void Dispose()
    {
        warehouse.Dispose();
        folder.Dispose();
    }

    [GeneratedRegex("src=\"(/\\?[^\"]*name=hourly[^\"]*)\"")]
    private static partial Regex HourlyChart();
}
