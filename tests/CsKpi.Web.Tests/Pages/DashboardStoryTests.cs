using System.Globalization;
using System.Text.RegularExpressions;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages;

/// <summary>
/// The dashboard as a manager reads it: the sales first and large, each KPI tile with its target and its daily trend,
/// and what changed since yesterday — the KPIs that moved, who moved them most — with the diagnosis where one is below
/// its standard. "Today" is pinned to the day after the fixture's last day, so yesterday is 03-06 against 03-05.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class DashboardStoryTests(SiteFixture site)
{
    private static readonly DateOnly Yesterday = SiteFixture.Start.AddDays(SiteFixture.Days - 1);

    private async Task<string> Dashboard(string role = "admin", string query = "")
    {
        using var pinned = PinnedClock.Site(site, Yesterday.AddDays(1));
        using var client = await SiteFixture.SignedIn(pinned, role);
        return await client.GetStringAsync("/" + query);
    }

    [Fact]
    public async Task The_sales_come_first_and_large_and_are_not_repeated_among_the_tiles()
    {
        var html = await Dashboard();

        var lead = html.IndexOf("id=\"lead\"", StringComparison.Ordinal);
        Assert.InRange(lead, 0, html.IndexOf("id=\"kpis\"", StringComparison.Ordinal));
        Assert.Contains("id=\"lead\" data-metric=\"sales_amount\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"tile\" data-metric=\"sales_amount\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"tile extra\" data-metric=\"sales_amount\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_rate_tile_shows_the_stores_standard_as_its_target_and_a_trend_line()
    {
        using var connection = site.Warehouse.OpenConnection();
        var standards = connection.Query<(string Metric, double Standard)>(
            "select metric, standard_value from marts.kpi_standard_on($day) where store_id = $store",
            new { day = Yesterday, store = site.Store }).ToDictionary(s => s.Metric, s => s.Standard);
        Assert.True(standards.ContainsKey("reply_rate"), "the fixture's store has a reply-rate standard");

        var html = await Dashboard();

        var tiles = TilePattern().Matches(html).ToDictionary(m => m.Groups["metric"].Value, m => m.Groups["body"].Value);
        var reply = tiles["reply_rate"];
        Assert.Contains($"data-target=\"{standards["reply_rate"].ToString(CultureInfo.InvariantCulture)}\"", reply, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"spark\"", reply, StringComparison.Ordinal);
        // a store's sales are many agents' sales: a per-agent target would mislead, so none is shown there
        Assert.DoesNotContain("data-target", tiles["inquiry_buyers"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_changed_since_yesterday_lists_the_rates_that_moved_three_points_and_the_team_that_moved_most()
    {
        using var connection = site.Warehouse.OpenConnection();
        var rates = new[] { "reply_rate", "final_conversion", "next_day_conversion", "satisfaction_rate" };
        var days = connection.Query($"""
            select period_start, {string.Join(", ", rates)} from marts.kpi_store_period('day', $from, $to)
            where store_id = $store order by period_start
            """, new { from = Yesterday.AddDays(-1), to = Yesterday, store = site.Store })
            .Select(r => (IDictionary<string, object?>)r).ToList();
        Assert.Equal(2, days.Count);
        double? Rate(int day, string metric) => days[day][metric] is { } v and not DBNull ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;
        var moved = rates.Where(m => Rate(0, m) is { } a && Rate(1, m) is { } b && Math.Abs(b - a) >= 0.03).ToList();

        var html = await Dashboard();

        var changes = ChangesPattern().Match(html);
        Assert.True(changes.Success, "the dashboard has the what-changed block");
        var listed = ChangePattern().Matches(changes.Value).Select(m => m.Groups["metric"].Value).ToList();
        Assert.InRange(listed.Count, 0, 4);
        foreach (var metric in moved.Where(_ => listed.Count < 4))
        {
            Assert.Contains(metric, listed);
        }

        foreach (var metric in rates.Except(moved))
        {
            Assert.DoesNotContain(metric, listed);
        }

        // who moved each listed rate most: the team whose change in the same direction is the largest
        foreach (var metric in listed.Where(rates.Contains))
        {
            var teams = connection.Query<(string Team, double Before, double After)>($"""
                select team, arg_min({metric}, period_start)::double, arg_max({metric}, period_start)::double
                from marts.kpi_team_period('day', $from, $to)
                where store_id = $store and {metric} is not null group by team having count(*) = 2
                """, new { from = Yesterday.AddDays(-1), to = Yesterday, store = site.Store }).ToList();
            var sign = Math.Sign(Rate(1, metric)!.Value - Rate(0, metric)!.Value);
            var most = teams.Where(t => Math.Sign(t.After - t.Before) == sign).MaxBy(t => Math.Abs(t.After - t.Before));
            if (most.Team is not null)
            {
                Assert.Matches($"data-metric=\"{metric}\"[^<]*<strong>[^<]*</strong>[^<]*<span[^>]*>[^<]*</span>\\s*<span class=\"who\">[^<]*{Regex.Escape(most.Team)}", changes.Value);
            }
        }
    }

    [Fact]
    public async Task A_worse_rate_below_its_standard_carries_the_diagnosis_causes_in_the_viewers_language()
    {
        var zh = await Dashboard();
        var worse = ChangePattern().Matches(ChangesPattern().Match(zh).Value)
            .Where(m => m.Value.Contains("change-worse", StringComparison.Ordinal)).ToList();
        using var connection = site.Warehouse.OpenConnection();
        foreach (var change in worse)
        {
            var metric = change.Groups["metric"].Value;
            var who = WhoPattern().Match(change.Value);
            if (!who.Success)
            {
                continue;
            }

            var team = who.Groups["team"].Value;
            var below = connection.ExecuteScalar<bool?>(
                "select is_below_standard from marts.kpi_diagnosis($day, $day, 'zh-CN') where scope = 'team' and store_id = $store and team = $team and metric = $metric",
                new { day = Yesterday, store = site.Store, team, metric }) == true;
            Assert.Equal(below, change.Value.Contains("class=\"why\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_trend_line_spans_the_box_with_the_highest_day_at_the_top()
    {
        var points = Sparkline.Points([1.0, null, 3.0, 2.0]);

        Assert.Equal("0,23 66.7,1 100,12", points);
        Assert.Equal("", Sparkline.Points([5.0]));
    }

    [GeneratedRegex("<div class=\"tile[^\"]*\" data-metric=\"(?<metric>[^\"]+)\">(?<body>.*?)</div>\\s*(?=<div class=\"tile|</section>)", RegexOptions.Singleline)]
    private static partial Regex TilePattern();

    [GeneratedRegex("<section class=\"changes\" id=\"changes\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex ChangesPattern();

    [GeneratedRegex("<li data-metric=\"(?<metric>[^\"]+)\".*?</li>", RegexOptions.Singleline)]
    private static partial Regex ChangePattern();

    [GeneratedRegex("<span class=\"who\">[^：:]*[：:]\\s*(?<team>[^（(]+)[（(]")]
    private static partial Regex WhoPattern();
}
