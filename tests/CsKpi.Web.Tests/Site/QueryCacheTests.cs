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

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// Repeated aggregates (the agents list, the dashboard's tiles, rankings, scorecards) come from the site's cache
/// keyed by the warehouse's data version and the viewer's scope: the same question is answered once until a load, a
/// recompute or a settings change, and a viewer is never served another scope's rows. Its own warehouse (two stores
/// with a team of the same name), because the test changes it.
/// </summary>
public sealed partial class QueryCacheTests : IDisposable
{
    private const string March = "grain=range&from=2026-03-01&to=2026-03-31";
    private readonly EmptySite folder = new(fromTemplate: true);
    private readonly WarehouseDatabase warehouse;
    private readonly string team;
    private readonly (string Store, string User) first;
    private readonly (string Store, string User) second;

    public QueryCacheTests()
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
    public async Task The_same_aggregate_is_read_once_until_the_data_version_changes()
    {
        using var site = Site();
        using var admin = await SiteFixture.SignedIn(site, "admin");
        var (agent, store) = Scalar<(string, string)>("select agent_id, store_id from marts.kpi_agent_daily order by agent_id limit 1");
        var url = $"/agents?{March}&store={Uri.EscapeDataString(store)}";
        var before = ActiveDays(await admin.GetStringAsync(url), agent);

        // A change the data version does not see (no load, recompute or setting): the cached rows still answer.
        Execute("insert into marts.kpi_agent_daily select * replace (date '2026-03-01' as business_day) from marts.kpi_agent_daily where agent_id = $agent order by business_day limit 1", new { agent });
        var cached = ActiveDays(await admin.GetStringAsync(url), agent);

        // A settings change is a new data version: the rows are read again and show the change.
        Execute("insert into app.setting (store_id, code, value, effective_from) values ($store, 'cache_test_marker', '1', date '2030-01-01')", new { store });
        var fresh = ActiveDays(await admin.GetStringAsync(url), agent);

        Assert.Equal(before, cached);
        Assert.Equal(before + 1, fresh);
    }

    [Fact]
    public async Task A_supervisor_is_never_served_the_rows_of_the_same_named_team_in_another_store()
    {
        using var site = Site();
        using var a = await SiteFixture.SignedIn(site, first.User);
        using var b = await SiteFixture.SignedIn(site, second.User);
        var url = $"/agents?{March}&store={Uri.EscapeDataString(first.Store)}&team={Uri.EscapeDataString(team)}";

        var seenByA = AgentIds(await a.GetStringAsync(url));
        var servedToB = AgentIds(await b.GetStringAsync(url));

        var ofA = Agents(first.Store);
        var ofB = Agents(second.Store);
        Assert.NotEmpty(seenByA);
        Assert.All(seenByA, id => Assert.Contains(id, ofA));
        Assert.NotEmpty(servedToB);
        Assert.All(servedToB, id => Assert.Contains(id, ofB));
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Site()
    {
        var site = folder.Create("Testing", ("SignIn:AttemptsPerMinute", "10000"));
        var users = site.Services.GetRequiredService<UserStore>();
        users.Save(new UserAccount { UserName = "admin", DisplayName = "admin", Role = Roles.Admin }, SiteFixture.Password, "test");
        foreach (var (store, user) in new[] { first, second })
        {
            users.Save(new UserAccount { UserName = user, DisplayName = user, Role = Roles.Supervisor, StoreId = store, Team = team }, SiteFixture.Password, "test");
        }

        return site;
    }

    private List<string> Agents(string store)
    {
        using var connection = warehouse.OpenConnection();
        return connection.Query<string>("select agent_id from core.dim_agent where store_id = $store and team = $team", new { store, team }).ToList();
    }

    private T Scalar<T>(string sql)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QuerySingle<T>(sql);
    }

    private void Execute(string sql, object parameters)
    {
        using var connection = warehouse.OpenConnection();
        connection.Execute(sql, parameters);
    }

    /// <summary>The agent's 出勤天数 (active days) cell on the agents list.</summary>
    private static int ActiveDays(string html, string agent)
    {
        var row = Regex.Match(html, "<tr>\\s*<td><a href=\"/agents/" + Regex.Escape(Uri.EscapeDataString(agent)) + "[^\"]*\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"{agent} is not on the list");
        return int.Parse(Regex.Matches(row.Value, "<td class=\"n\">(\\d+)</td>")[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> AgentIds(string html) =>
        AgentLink().Matches(html).Select(m => Uri.UnescapeDataString(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))).ToList();

    public void Dispose()
    {
        warehouse.Dispose();
        folder.Dispose();
    }

    [GeneratedRegex("href=\"/agents/([^\"?]+)")]
    private static partial Regex AgentLink();
}
