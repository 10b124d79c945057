using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Web.Pages.Agents;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Agents;

/// <summary>
/// Issue 18.6 on the agent page: the orders and the receptions that decided nothing are paged, buyers are masked as on
/// /reviews (page and download), the deciding message is shown as its text, and a reception of a day whose final
/// conversion is still provisional is 待定 (pending), never 流失.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class AgentListsTests(SiteFixture site)
{
    private const string Month = "grain=range&from=2026-03-01&to=2026-03-31";

    private string Page => SiteFixture.AgentPath(site.OwnAgent) + "?" + Month;

    /// <summary>The agent's credited orders of the month in the page's order (latest payment first).</summary>
    private List<(string OrderId, string BuyerId, string? MessageKey)> Credited()
    {
        using var connection = site.Warehouse.OpenConnection();
        return connection.Query<(string, string, string?)>("""
            select o.order_id, o.buyer_id, c.message_key
            from core.fct_order_credit as c join core.fct_order as o using (store_id, order_id)
            where c.in_force and c.agent_id = $agent and o.paid_day between date '2026-03-01' and date '2026-03-31'
            order by o.paid_at desc, o.order_id
            """, new { agent = site.OwnAgent }).ToList();
    }

    private static int Rows(string html, string table) =>
        Regex.Matches(TableOf(html, table), "<tr>").Count - 1;

    private static string TableOf(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void The_orders_by_agent_mart_holds_exactly_the_in_force_paid_credits_of_the_two_facts()
    {
        using var connection = site.Warehouse.OpenConnection();
        const string facts = """
            select c.store_id, c.agent_id, c.order_id, o.buyer_id, o.created_at, o.paid_at, o.paid_day, o.amount, o.status,
                   c.rule, c.basis, c.message_key, c.message_at, c.window_from, c.window_to
            from core.fct_order_credit as c join core.fct_order as o using (store_id, order_id)
            where c.in_force and c.agent_id is not null and o.paid_at is not null
            """;

        Assert.True(connection.ExecuteScalar<long>("select count(*) from marts.agent_order") > 0);
        Assert.Equal(connection.ExecuteScalar<long>($"select count(*) from ({facts})"), connection.ExecuteScalar<long>("select count(*) from marts.agent_order"));
        Assert.Equal(0L, connection.ExecuteScalar<long>($"select count(*) from (({facts}) except all (select * from marts.agent_order))"));
        Assert.Equal(0L, connection.ExecuteScalar<long>($"select count(*) from ((select * from marts.agent_order) except all ({facts}))"));
    }

    [Fact]
    public async Task The_count_of_orders_is_the_whole_list_and_the_last_page_ends_it()
    {
        var credited = Credited();
        using var client = await site.Client("supervisor");
        var pages = (credited.Count + DetailModel.RowsPerPage - 1) / DetailModel.RowsPerPage;

        var last = await client.GetStringAsync(Page + $"&orders={pages}");

        Assert.Equal(credited.Count - ((pages - 1) * DetailModel.RowsPerPage), Rows(last, "orders"));
        Assert.Contains(">" + credited[^1].OrderId + "<", TableOf(last, "orders"), StringComparison.Ordinal);
        Assert.Contains($"<span class=\"muted\">({credited.Count})</span> <a class=\"muted\" href=\"/agents/", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_orders_are_paged_and_the_second_page_holds_the_next_ones()
    {
        var credited = Credited();
        Assert.True(credited.Count > DetailModel.RowsPerPage, $"the fixture's agent has {credited.Count} orders, too few to page");
        using var client = await site.Client("supervisor");

        var first = await client.GetStringAsync(Page);
        var second = await client.GetStringAsync(Page + "&orders=2");

        Assert.Equal(DetailModel.RowsPerPage, Rows(first, "orders"));
        Assert.Contains("id=\"orders-pager\"", first, StringComparison.Ordinal);
        Assert.Contains(credited[0].OrderId, TableOf(first, "orders"), StringComparison.Ordinal);
        Assert.DoesNotContain(">" + credited[DetailModel.RowsPerPage].OrderId + "<", TableOf(first, "orders"), StringComparison.Ordinal);
        Assert.Contains(">" + credited[DetailModel.RowsPerPage].OrderId + "<", TableOf(second, "orders"), StringComparison.Ordinal);
        Assert.DoesNotContain(">" + credited[0].OrderId + "<", TableOf(second, "orders"), StringComparison.Ordinal);
        Assert.Equal(Math.Min(DetailModel.RowsPerPage, credited.Count - DetailModel.RowsPerPage), Rows(second, "orders"));
    }

    [Fact]
    public async Task The_receptions_are_paged_and_a_page_past_the_last_shows_the_last()
    {
        using var connection = site.Warehouse.OpenConnection();
        var count = connection.ExecuteScalar<long>(
            "select count(*) from marts.undecided_reception(date '2026-03-01', date '2026-03-31') where agent_id = $agent", new { agent = site.OwnAgent });
        Assert.True(count > DetailModel.RowsPerPage, $"the fixture's agent has {count} receptions that decided nothing, too few to page");
        using var client = await site.Client("admin");

        var first = await client.GetStringAsync(Page);
        var beyond = await client.GetStringAsync(Page + "&receptions=999");

        Assert.Equal(DetailModel.RowsPerPage, Rows(first, "undecided"));
        Assert.Contains("id=\"receptions-pager\"", first, StringComparison.Ordinal);
        var last = (int)((count - 1) % DetailModel.RowsPerPage) + 1;
        Assert.Equal(last, Rows(beyond, "undecided"));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("admin")]
    public async Task Buyers_are_masked_on_the_page_and_in_the_downloads_as_on_reviews(string role)
    {
        using var connection = site.Warehouse.OpenConnection();
        var buyers = connection.Query<string>("""
            select buyer_id from marts.undecided_reception(date '2026-03-01', date '2026-03-31') where agent_id = $agent
            union
            select o.buyer_id from core.fct_order_credit as c join core.fct_order as o using (store_id, order_id)
            where c.in_force and c.agent_id = $agent and o.paid_day between date '2026-03-01' and date '2026-03-31'
            """, new { agent = site.OwnAgent }).Where(b => b.Length > 2).ToList();
        Assert.NotEmpty(buyers);
        using var client = await site.Client(role);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Page + "&orders=1"));
        var orders = await client.GetStringAsync(SiteFixture.AgentPath(site.OwnAgent) + "?handler=Export&format=csv&table=orders&" + Month);
        var receptions = await client.GetStringAsync(SiteFixture.AgentPath(site.OwnAgent) + "?handler=Export&format=csv&table=receptions&" + Month);

        Assert.All(buyers, buyer =>
        {
            Assert.DoesNotContain(buyer, html, StringComparison.Ordinal);
            Assert.DoesNotContain(buyer, orders, StringComparison.Ordinal);
            Assert.DoesNotContain(buyer, receptions, StringComparison.Ordinal);
        });
        Assert.Contains(CsKpi.Warehouse.Planning.ChatReviews.MaskBuyer(Credited()[0].BuyerId), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deciding_message_is_shown_as_its_text_not_its_key()
    {
        var (_, buyer, key) = Credited().First(o => o.MessageKey is not null);
        using var connection = site.Warehouse.OpenConnection();
        var text = connection.ExecuteScalar<string>("select content from raw.chat_message where message_key = $key", new { key });
        using var client = await site.Client("supervisor");

        var orders = WebUtility.HtmlDecode(TableOf(await client.GetStringAsync(Page), "orders"));

        Assert.Contains(CsKpi.Warehouse.Planning.BuyerMask.Text(text, buyer)!, orders, StringComparison.Ordinal);
        Assert.DoesNotContain(key!, orders, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reception_of_a_day_whose_conversion_is_provisional_is_pending_not_lost()
    {
        using var connection = site.Warehouse.OpenConnection();
        var outcomes = connection.Query<(string Outcome, bool Provisional)>("""
            select r.outcome, d.final_provisional
            from marts.undecided_reception(date '2026-03-01', date '2026-03-31') as r
            join marts.kpi_agent_daily as d using (store_id, agent_id, business_day)
            where r.is_replied
            """).ToList();
        Assert.Contains(outcomes, o => o.Provisional);
        Assert.Contains(outcomes, o => !o.Provisional);
        Assert.All(outcomes, o => Assert.Equal(o.Provisional ? "pending" : "lost", o.Outcome));
        using var client = await site.Client("agent");

        var receptions = TableOf(await client.GetStringAsync(Page), "undecided");

        // The latest receptions come first: the provisional days'.
        Assert.Contains(">待定</td>", receptions, StringComparison.Ordinal);
    }
}
