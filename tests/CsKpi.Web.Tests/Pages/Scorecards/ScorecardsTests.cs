using System.Globalization;
using System.Net;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Scorecards;

[Collection(SiteCollection.Name)]
public sealed class ScorecardsTests(SiteFixture site)
{
    [Fact]
    public async Task The_month_shows_the_kept_monthly_scores_and_team_scores()
    {
        using var client = await site.Client("hr");

        var html = await client.GetStringAsync("/scorecards?grain=month&date=2026-03-01");

        using var connection = site.Warehouse.OpenConnection();
        var best = connection.QueryFirst<(string AgentId, double Total)>(
            "select agent_id, total from marts.scorecard_monthly where month = '2026-03' order by store_rank, agent_id");
        Assert.Contains(Uri.EscapeDataString(best.AgentId), html, StringComparison.Ordinal);
        Assert.Contains(best.Total.ToString("N1", CultureInfo.GetCultureInfo("zh-CN")), html, StringComparison.Ordinal);
        Assert.Contains("id=\"team-scores\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_moves_totals_without_saving_and_saving_makes_a_new_version()
    {
        using var admin = await site.Client("admin");
        var form = new Dictionary<string, string>
        {
            ["Items[0].Metric"] = "reply_rate",
            ["Items[0].Weight"] = "100",
            ["Items[0].Target"] = "0.5",
            ["Items[0].Direction"] = "higher",
            ["EffectiveFrom"] = "2026-05-01",
        };
        long Versions()
        {
            using var connection = site.Warehouse.OpenConnection();
            return connection.ExecuteScalar<long>("select count(distinct (store_id, effective_from)) from app.scorecard_item");
        }

        var before = Versions();
        using var preview = await SiteFixture.PostForm(admin, "/scorecards/edit", "/scorecards/edit?handler=Preview", form);
        var html = await preview.Content.ReadAsStringAsync();

        // Reply rate ≥ 50 % for everyone: every total becomes the cap, 115.
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("id=\"preview-table\"", html, StringComparison.Ordinal);
        Assert.Contains(">115.0<", html, StringComparison.Ordinal);
        Assert.Equal(before, Versions());

        using var saved = await SiteFixture.PostForm(admin, "/scorecards/edit", "/scorecards/edit?handler=Save", form);
        Assert.Contains("id=\"message\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, Versions());
        using (var connection = site.Warehouse.OpenConnection())
        {
            // March keeps the scorecard it had: the new version starts in May.
            Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from marts.scorecard_monthly where month = '2026-03' and scorecard_from = date '2026-05-01'"));
            connection.Execute("delete from app.scorecard_item where effective_from = date '2026-05-01'");
        }
    }

    [Fact]
    public async Task A_scorecard_with_an_unknown_metric_is_refused()
    {
        using var admin = await site.Client("admin");

        using var response = await SiteFixture.PostForm(admin, "/scorecards/edit", "/scorecards/edit?handler=Save", new()
        {
            ["Items[0].Metric"] = "drop table",
            ["Items[0].Weight"] = "10",
            ["Items[0].Target"] = "1",
            ["EffectiveFrom"] = "2026-05-01",
        });

        Assert.Contains("id=\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Table(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no #{id}");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private Dictionary<string, string> CurrentCard(string role)
    {
        using var connection = site.Warehouse.OpenConnection();
        var items = connection.Query<(string Metric, decimal Weight, decimal Target, string Direction)>(
            "select metric, weight, target, direction from app.scorecard_in_force($store, date '2026-03-06', card_role := $role)",
            new { store = site.Store, role }).ToList();
        var form = new Dictionary<string, string> { ["Role"] = role, ["EffectiveFrom"] = "2026-05-01" };
        for (var i = 0; i < items.Count; i++)
        {
            form[$"Items[{i}].Metric"] = items[i].Metric;
            form[$"Items[{i}].Weight"] = items[i].Weight.ToString(CultureInfo.InvariantCulture);
            form[$"Items[{i}].Target"] = items[i].Target.ToString(CultureInfo.InvariantCulture);
            form[$"Items[{i}].Direction"] = items[i].Direction;
        }

        return form;
    }

    [Fact]
    public async Task A_month_in_progress_scores_the_same_on_the_scorecards_page_and_in_the_editors_preview()
    {
        // The data end on 6 March: March is in progress. The page reads the kept card; the editor's preview of the
        // unchanged card must give every agent the same total (issue 18: 85.5 on one, 103.6 on the other).
        using var admin = await site.Client("admin");
        var page = await admin.GetStringAsync($"/scorecards?grain=month&date=2026-03-01&store={Uri.EscapeDataString(site.Store)}");
        Assert.Contains("id=\"in-progress\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"scores-provisional\"", page, StringComparison.Ordinal);

        using var preview = await SiteFixture.PostForm(admin, "/scorecards/edit", "/scorecards/edit?handler=Preview", CurrentCard("presale"));
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("id=\"preview-in-progress\"", html, StringComparison.Ordinal);
        var previewed = Table(html, "preview-table");
        using var connection = site.Warehouse.OpenConnection();
        var kept = connection.Query<(string AgentName, double Total)>(
            "select agent_name, total from marts.scorecard_monthly where month = '2026-03' and store_id = $store and role = 'presale'",
            new { store = site.Store }).ToList();
        Assert.NotEmpty(kept);
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        foreach (var (name, total) in kept)
        {
            // old and new total alike: the card is unchanged
            Assert.Contains($"<td>{name}</td>", previewed, StringComparison.Ordinal);
            Assert.Contains($"<td class=\"n\">{total.ToString("N1", zh)}</td><td class=\"n\">{total.ToString("N1", zh)}</td>", previewed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_sales_agents_are_scored_by_their_own_card_in_a_table_of_their_own()
    {
        using var hr = await site.Client("hr");
        var html = await hr.GetStringAsync("/scorecards?grain=month&date=2026-03-01");

        using var connection = site.Warehouse.OpenConnection();
        var aftersale = connection.Query<string>(
            "select agent_name from marts.scorecard_monthly where month = '2026-03' and team like '售后%'").ToList();
        Assert.NotEmpty(aftersale);
        Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) from marts.scorecard_monthly where team like '售后%' and role <> 'aftersale'"));
        string Name(string code) => connection.ExecuteScalar<string>("select zh from core.metric where code = $code", new { code })!;
        var table = Table(html, "scores-aftersale");
        Assert.All(aftersale, name => Assert.Contains($">{name}</a>", table, StringComparison.Ordinal));
        Assert.Contains(Name("satisfaction_rate"), table, StringComparison.Ordinal);
        Assert.DoesNotContain(Name("final_conversion"), table, StringComparison.Ordinal);
        Assert.DoesNotContain(Name("sales_amount"), table, StringComparison.Ordinal);
        Assert.Contains(Name("final_conversion"), Table(html, "scores-presale"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_explains_the_maximum_and_warns_when_the_weights_do_not_total_100()
    {
        using var admin = await site.Client("admin");

        var page = await admin.GetStringAsync("/scorecards/edit");
        Assert.Contains("id=\"max-explained\"", page, StringComparison.Ordinal);
        Assert.Contains("115", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"weight-warning\"", page, StringComparison.Ordinal);

        using var preview = await SiteFixture.PostForm(admin, "/scorecards/edit", "/scorecards/edit?handler=Preview", new()
        {
            ["Items[0].Metric"] = "reply_rate",
            ["Items[0].Weight"] = "50",
            ["Items[0].Target"] = "1",
            ["Items[0].Direction"] = "higher",
            ["EffectiveFrom"] = "2026-05-01",
        });
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("id=\"weight-warning\"", html, StringComparison.Ordinal);
        Assert.Contains("57.5", html, StringComparison.Ordinal);   // the maximum: 1.15 × 50
    }

    [Fact]
    public async Task Saving_the_after_sales_card_keeps_the_presale_card_in_the_new_version()
    {
        using var admin = await site.Client("admin");
        var editor = await admin.GetStringAsync("/scorecards/edit?role=aftersale");
        Assert.Contains("id=\"roles\"", editor, StringComparison.Ordinal);

        using var saved = await SiteFixture.PostForm(admin, "/scorecards/edit?role=aftersale", "/scorecards/edit?handler=Save", new()
        {
            ["Role"] = "aftersale",
            ["Items[0].Metric"] = "reply_rate",
            ["Items[0].Weight"] = "100",
            ["Items[0].Target"] = "1",
            ["Items[0].Direction"] = "higher",
            ["EffectiveFrom"] = "2026-07-01",
        });
        Assert.Contains("id=\"message\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var connection = site.Warehouse.OpenConnection();
        try
        {
            var store = connection.ExecuteScalar<string>("select store_id from app.scorecard_item where effective_from = date '2026-07-01' limit 1");
            List<string> Card(string role, string day) => connection.Query<string>(
                "select metric || ':' || weight || ':' || target from app.scorecard_in_force($store, cast($day as date), card_role := $role) order by metric",
                new { store, role, day }).ToList();
            Assert.Equal(["reply_rate:100.00:1.0000"], Card("aftersale", "2026-07-01"));
            Assert.Equal(Card("presale", "2026-06-30"), Card("presale", "2026-07-01"));
        }
        finally
        {
            connection.Execute("delete from app.scorecard_item where effective_from = date '2026-07-01'");
        }
    }

    [Fact]
    public async Task The_agent_page_marks_a_month_in_progress_and_its_bonus_provisional()
    {
        using var hr = await site.Client("hr");
        using var connection = site.Warehouse.OpenConnection();
        Assert.True(connection.ExecuteScalar<bool>(
            "select is_provisional from marts.bonus_monthly where agent_id = $agent and month = '2026-03'", new { agent = site.OwnAgent }));

        var html = await hr.GetStringAsync(SiteFixture.AgentPath(site.OwnAgent) + "?grain=month&date=2026-03-01");

        Assert.Contains("id=\"scorecards-in-progress\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"scorecards-provisional\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"bonus-provisional\"", html, StringComparison.Ordinal);
    }
}
