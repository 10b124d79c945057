using System.Net;
using System.Text;
using CsKpi.Warehouse.Career;
using CsKpi.Web.Pages.Promotions;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Promotions;

[Collection(SiteCollection.Name)]
public sealed class PromotionsTests(SiteFixture site)
{
    private const string Page = "/promotions?half=2026H1";

    [Theory]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("hr", HttpStatusCode.OK)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", HttpStatusCode.Forbidden)]
    [InlineData("agent", HttpStatusCode.Forbidden)]
    public async Task Only_hr_and_admins_open_the_page_and_the_bonus_download(string role, HttpStatusCode expected)
    {
        using var client = await site.Client(role);

        using var page = await client.GetAsync(Page);
        using var bonus = await client.GetAsync("/promotions?handler=Bonus&half=2026H1");

        Assert.Equal(expected, page.StatusCode);
        Assert.Equal(expected, bonus.StatusCode);
    }

    [Fact]
    public async Task Another_role_may_not_run_the_review()
    {
        using var hr = await site.Client("hr");
        using var supervisor = await site.Client("supervisor");
        // The token is a valid one of the supervisor's session (from a page they may open); the role is what is refused.
        var token = await SiteFixture.Token(supervisor, "/account/signin");

        using var response = await supervisor.PostAsync("/promotions?handler=Run", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["half"] = "2026H1",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        using var client = await site.Client("hr");

        using var run = await client.PostAsync("/promotions?handler=Run", new FormUrlEncodedContent(new Dictionary<string, string> { ["half"] = "2026H1" }));
        using var decide = await client.PostAsync("/promotions?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string> { ["ids"] = "1", ["decision"] = "approve", ["comment"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, run.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, decide.StatusCode);
    }

    [Fact]
    public async Task Running_the_review_then_approving_a_proposal_audits_it_and_changes_the_level_history()
    {
        using var client = await site.Client("hr");

        using var run = await SiteFixture.PostForm(client, Page, "/promotions?handler=Run", new() { ["half"] = "2026H1" });
        var html = await run.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("id=\"message\"", html, StringComparison.Ordinal);
        var proposals = HalfReview.Proposals(site.Warehouse, new ProposalFilter(Half: "2026H1", Status: "pending"));
        Assert.NotEmpty(proposals);
        // Every proposal is listed with its explanation: each criterion with its verdict.
        Assert.All(proposals, p => Assert.Contains($"data-proposal=\"{p.ProposalId}\"", html, StringComparison.Ordinal));
        Assert.Contains("criterion-", html, StringComparison.Ordinal);

        var chosen = proposals.FirstOrDefault(p => p.Action != "unchanged") ?? proposals[0];
        var historyBefore = CareerChanges.LevelHistory(site.Warehouse, chosen.AgentId);
        var auditBefore = CareerChanges.AuditLog(site.Warehouse, chosen.AgentId).Count;

        using var decided = await SiteFixture.PostForm(client, Page, "/promotions?handler=Decide", new()
        {
            ["half"] = "2026H1", ["ids"] = chosen.ProposalId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["decision"] = "approve", ["comment"] = "web test approval", ["effectiveFrom"] = "2026-07-01",
        });
        var after = await decided.Content.ReadAsStringAsync();

        Assert.Contains("id=\"message\"", after, StringComparison.Ordinal);
        var audit = CareerChanges.AuditLog(site.Warehouse, chosen.AgentId);
        Assert.Equal(auditBefore + 1, audit.Count);
        Assert.Contains(audit, a => a.Action == "approve" && a.ProposalId == chosen.ProposalId && a.Actor == "hr");
        var historyAfter = CareerChanges.LevelHistory(site.Warehouse, chosen.AgentId);
        Assert.Contains(historyAfter, h => h.ValidFrom == new DateOnly(2026, 7, 1) && h.Level == chosen.ProposedLevel && h.Coefficient == chosen.ProposedCoefficient);
        Assert.NotEqual(historyBefore, historyAfter);
        Assert.Contains("web test approval", after, StringComparison.Ordinal);

        // Decided is final: a second decision changes nothing and says why.
        using var again = await SiteFixture.PostForm(client, Page, "/promotions?handler=Decide", new()
        {
            ["half"] = "2026H1", ["ids"] = chosen.ProposalId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["decision"] = "reject", ["comment"] = "again",
        });
        Assert.Contains("id=\"error\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(auditBefore + 1, CareerChanges.AuditLog(site.Warehouse, chosen.AgentId).Count);
    }

    [Fact]
    public async Task Hr_approves_every_pending_unchanged_proposal_at_once_each_audited_and_only_those()
    {
        // Its own site: approving all of a half's unchanged proposals would leave the shared one's other tests none.
        using var own = new SiteFixture();
        using var hr = await own.Client("hr");
        using var supervisor = await own.Client("supervisor");
        using var run = await SiteFixture.PostForm(hr, Page, "/promotions?handler=Run", new() { ["half"] = "2026H1" });
        var pending = HalfReview.Proposals(own.Warehouse, new ProposalFilter(Half: "2026H1", Status: "pending"));
        var unchanged = pending.Where(p => p.Action == "unchanged").Select(p => p.ProposalId).Order().ToList();
        Assert.NotEmpty(unchanged);
        Assert.Contains("id=\"approve-unchanged\"", await run.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another role is refused, whatever it posts.
        var token = await SiteFixture.Token(supervisor, "/account/signin");
        using var refused = await supervisor.PostAsync("/promotions?handler=ApproveUnchanged", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["half"] = "2026H1", ["comment"] = "not mine to approve",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(unchanged.Count, HalfReview.Proposals(own.Warehouse, new ProposalFilter("2026H1", "unchanged", "pending")).Count);

        using var approved = await SiteFixture.PostForm(hr, Page, "/promotions?handler=ApproveUnchanged", new()
        {
            ["half"] = "2026H1", ["comment"] = "half review: no change", ["effectiveFrom"] = "2026-07-01",
        });
        var html = await approved.Content.ReadAsStringAsync();

        Assert.Contains("id=\"message\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve-unchanged\"", html, StringComparison.Ordinal);
        var after = HalfReview.Proposals(own.Warehouse, new ProposalFilter(Half: "2026H1")).ToDictionary(p => p.ProposalId);
        Assert.All(unchanged, id => Assert.Equal("approved", after[id].Status));
        // Every other proposal waits for its own decision.
        Assert.All(pending.Where(p => p.Action != "unchanged"), p => Assert.Equal("pending", after[p.ProposalId].Status));
        // One audit entry per proposal, by hr, with the comment: as a single approval is audited.
        var audit = CareerChanges.AuditLog(own.Warehouse, null, 1000).Where(a => a.Action == "approve").ToList();
        Assert.Equal(unchanged, audit.Select(a => a.ProposalId!.Value).Order().ToList());
        Assert.All(audit, a => Assert.Equal("hr", a.Actor));
    }

    [Fact]
    public async Task The_proposals_are_grouped_by_action_with_counts_the_unchanged_last()
    {
        using var client = await site.Client("hr");
        using var run = await SiteFixture.PostForm(client, Page, "/promotions?handler=Run", new() { ["half"] = "2026H1" });

        var html = await client.GetStringAsync(Page);

        var proposals = HalfReview.Proposals(site.Warehouse, new ProposalFilter(Half: "2026H1"));
        Assert.NotEmpty(proposals);
        var heads = proposals.GroupBy(p => p.Action).ToDictionary(g => g.Key, g => html.IndexOf($"id=\"group-{g.Key}\"", StringComparison.Ordinal));
        Assert.All(heads.Values, at => Assert.True(at > 0));
        // Each group's header carries its count, and its rows follow it (before the next group's header).
        Assert.All(proposals.GroupBy(p => p.Action), g =>
            Assert.Matches($"id=\"group-{g.Key}\"><th [^>]*>[^<]*<span class=\"muted\">\\({g.Count()}\\)</span>", html));
        var order = heads.OrderBy(h => h.Value).Select(h => h.Key).ToList();
        Assert.Equal(IndexModel.KindFilters.Where(order.Contains).ToList(), order);
        Assert.All(proposals, p =>
        {
            var at = html.IndexOf($"data-proposal=\"{p.ProposalId}\"", StringComparison.Ordinal);
            Assert.True(at > heads[p.Action] && heads.Values.Where(h => h > heads[p.Action]).All(next => at < next));
        });
    }

    [Fact]
    public async Task A_manual_change_needs_a_reason_and_is_audited()
    {
        using var client = await site.Client("hr");
        using var connection = site.Warehouse.OpenConnection();
        var level = connection.QueryFirst<string>("select level from marts.career_level_on(date '2026-08-01') order by level_rank desc limit 1");
        var form = new Dictionary<string, string>
        {
            ["agentId"] = site.OtherAgent, ["level"] = level, ["effectiveFrom"] = "2026-08-01", ["reason"] = "",
        };

        using var refused = await SiteFixture.PostForm(client, Page, "/promotions?handler=Change", form);
        Assert.Contains("id=\"error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(CareerChanges.AuditLog(site.Warehouse, site.OtherAgent), a => a.Action == "manual_change");

        form["reason"] = "web test: acting team lead";
        using var saved = await SiteFixture.PostForm(client, Page, "/promotions?handler=Change", form);

        Assert.Contains("id=\"message\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(CareerChanges.AuditLog(site.Warehouse, site.OtherAgent),
            a => a.Action == "manual_change" && a.AfterLevel == level && a.Reason == "web test: acting team lead" && a.Actor == "hr");
        Assert.Contains(CareerChanges.LevelHistory(site.Warehouse, site.OtherAgent), h => h.ValidFrom == new DateOnly(2026, 8, 1) && h.Level == level);
    }

    [Fact]
    public async Task The_bonus_downloads_as_csv_for_payroll()
    {
        using var client = await site.Client("hr");

        var csv = await client.GetByteArrayAsync("/promotions?handler=Bonus&half=2026H1");

        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("month,store_id,team,agent_id,agent_name,level,coefficient,base_bonus,score,grade,bonus,level_assumed,provisional", lines[0].TrimEnd('\r'));
        Assert.Equal(Bonus.Monthly(site.Warehouse, "2026-01", "2026-06").Count, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("2026-03,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_filters_narrow_the_proposals_by_kind_and_status()
    {
        using var client = await site.Client("hr");
        HalfReview.Run(site.Warehouse, HalfYear.Parse("2026H1"));
        var all = HalfReview.Proposals(site.Warehouse, new ProposalFilter(Half: "2026H1"));

        foreach (var kind in new[] { "coefficient_up", "coefficient_down", "unchanged", "promote" })
        {
            var html = await client.GetStringAsync($"/promotions?half=2026H1&kind={kind}");
            foreach (var p in all)
            {
                Assert.Equal(p.Action == kind, html.Contains($"data-proposal=\"{p.ProposalId}\"", StringComparison.Ordinal));
            }
        }
    }
}
