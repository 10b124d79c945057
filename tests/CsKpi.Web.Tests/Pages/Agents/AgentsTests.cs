using System.Net;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Agents;

[Collection(SiteCollection.Name)]
public sealed class AgentsTests(SiteFixture site)
{
    [Fact]
    public async Task The_list_shows_every_agent_to_a_manager()
    {
        using var client = await site.Client("hr");

        var html = await client.GetStringAsync("/agents?grain=range&from=2026-03-01&to=2026-03-31");

        Assert.Contains(Uri.EscapeDataString(site.OwnAgent), html, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(site.OtherAgent), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provisional_badge_appears_once_for_the_list_not_on_every_row()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/agents?grain=range&from=2026-03-01&to=2026-03-31");

        var marks = html.Split("class=\"provisional-mark\"", StringSplitOptions.None).Length - 1;
        Assert.True(marks >= 2, $"{marks} provisional values: the fixture's period should hold several");
        Assert.Equal(1, html.Split("class=\"provisional\"", StringSplitOptions.None).Length - 1);
        Assert.Contains("id=\"agents-provisional\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_shows_a_supervisor_their_team_and_an_agent_themselves()
    {
        using var supervisor = await site.Client("supervisor");
        using var agent = await site.Client("agent");

        var team = await supervisor.GetStringAsync("/agents?grain=range&from=2026-03-01&to=2026-03-31");
        var self = await agent.GetStringAsync("/agents?grain=range&from=2026-03-01&to=2026-03-31");

        Assert.Contains(Uri.EscapeDataString(site.OwnAgent), team, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(site.OtherAgent), team, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(site.OwnAgent), self, StringComparison.Ordinal);
        Assert.Equal(1, self.Split("href=\"/agents/", StringSplitOptions.None).Length - 1);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("analyst")]
    [InlineData("supervisor")]
    [InlineData("agent")]
    public async Task The_agent_page_shows_kpis_orders_with_their_trace_and_history(string role)
    {
        using var client = await site.Client(role);

        using var response = await client.GetAsync(SiteFixture.AgentPath(site.OwnAgent) + "?grain=range&from=2026-03-01&to=2026-03-31");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"orders\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"undecided\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"history\"", html, StringComparison.Ordinal);
        using var connection = site.Warehouse.OpenConnection();
        // The page lists the latest payments first.
        var credited = connection.Query<string>("""
            select order_id from core.fct_order_credit join core.fct_order using (store_id, order_id)
            where in_force and agent_id = $agent and paid_at is not null order by paid_at desc limit 3
            """, new { agent = site.OwnAgent }).ToList();
        Assert.NotEmpty(credited);
        Assert.All(credited, order => Assert.Contains(order, html, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("supervisor", "")]
    [InlineData("supervisor", "?handler=Chart&name=sales")]
    [InlineData("supervisor", "?handler=Export&format=csv")]
    [InlineData("supervisor", "?handler=Export&format=xlsx&table=orders")]
    [InlineData("agent", "")]
    [InlineData("agent", "?handler=Chart&name=receptions")]
    [InlineData("agent", "?handler=Export&format=csv&table=orders")]
    public async Task Another_team_s_agent_is_not_found_by_page_chart_or_download(string role, string rest)
    {
        using var client = await site.Client(role);

        using var response = await client.GetAsync(SiteFixture.AgentPath(site.OtherAgent) + rest);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("?handler=Chart&name=sales")]
    [InlineData("?handler=Chart&name=scorecard")]
    public async Task The_agent_s_own_charts_are_drawn(string rest)
    {
        using var client = await site.Client("agent");

        var png = await client.GetByteArrayAsync(SiteFixture.AgentPath(site.OwnAgent) + rest + "&grain=range&from=2026-03-01&to=2026-03-31");

        Png.AssertDrawn(png, 640, 300);
    }

    [Fact]
    public async Task The_orders_download_lists_every_credited_order_of_the_period()
    {
        using var client = await site.Client("supervisor");

        var csv = await client.GetStringAsync(SiteFixture.AgentPath(site.OwnAgent) + "?handler=Export&format=csv&table=orders&grain=range&from=2026-03-01&to=2026-03-31");

        using var connection = site.Warehouse.OpenConnection();
        var paid = connection.ExecuteScalar<long>("""
            select count(*) from core.fct_order_credit as c join core.fct_order as o using (store_id, order_id)
            where c.in_force and c.agent_id = $agent and o.paid_day between date '2026-03-01' and date '2026-03-31'
            """, new { agent = site.OwnAgent });
        Assert.Equal(paid + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
