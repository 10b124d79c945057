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
}
