using System.Text.RegularExpressions;
using CsKpi.Warehouse.Career;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Promotions;

/// <summary>
/// Issue 17: the promotions page's lists come from the site's cache, keyed by the data version and by a version of
/// the review's own tables (proposals, audit log, HR's changes), which the data version does not see: a run or a
/// decision made anywhere after a cached view shows on the next view, a repeated view is the cached one, and a viewer
/// is never served another viewer's entry. Its own site, because the tests run and decide the review.
/// </summary>
public sealed partial class PromotionsCacheTests : IDisposable
{
    private const string Page = "/promotions?half=2026H1";
    private readonly SiteFixture own = new();

    [Fact]
    public async Task A_review_run_elsewhere_after_a_cached_view_shows_on_the_next_view()
    {
        using var hr = await own.Client("hr");
        var before = Proposals(await hr.GetStringAsync(Page));
        Assert.Empty(before);
        var recomputes = RecomputeRuns();

        // As the command line (cskpi review) or another server would: no recompute, so the data version stays.
        var result = HalfReview.Run(own.Warehouse, new HalfYear(2026, 1), new DateOnly(2026, 12, 1));
        var after = Proposals(await hr.GetStringAsync(Page));

        Assert.Equal(recomputes, RecomputeRuns());
        Assert.NotEmpty(after);
        Assert.All(after, id => Assert.Contains(result.Proposals, p => p.ProposalId == id));
    }

    [Fact]
    public async Task A_decision_made_after_a_cached_view_shows_on_the_next_view_and_a_viewer_keeps_their_own_entry()
    {
        using var hr = await own.Client("hr");
        using var admin = await own.Client("admin");
        HalfReview.Run(own.Warehouse, new HalfYear(2026, 1), new DateOnly(2026, 12, 1));
        var html = await hr.GetStringAsync(Page);
        var chosen = Proposals(html)[0];
        Assert.Equal("pending", Status(chosen));
        Assert.DoesNotContain("decided elsewhere", html, StringComparison.Ordinal);

        // Decided outside this page (the command line, another server), after hr's view was cached.
        HalfReview.Decide(own.Warehouse, [chosen], approve: false, "decided elsewhere", "admin");
        var decided = await hr.GetStringAsync(Page);
        Assert.Contains("decided elsewhere", Row(decided, chosen), StringComparison.Ordinal);

        // An edit no version sees: hr's repeated view is the cached one, while admin, never served hr's entry, reads it.
        Execute("update app.review_proposal set decision_comment = 'edited unseen' where proposal_id = $chosen", new { chosen });
        var repeated = await hr.GetStringAsync(Page);
        var adminView = await admin.GetStringAsync(Page);

        Assert.Contains("decided elsewhere", Row(repeated, chosen), StringComparison.Ordinal);
        Assert.Contains("edited unseen", Row(adminView, chosen), StringComparison.Ordinal);
    }

    private long RecomputeRuns()
    {
        using var connection = own.Warehouse.OpenConnection();
        return connection.ExecuteScalar<long>("select count(*) from etl.recompute_run");
    }

    private string Status(long proposal)
    {
        using var connection = own.Warehouse.OpenConnection();
        return connection.ExecuteScalar<string>("select status from app.review_proposal where proposal_id = $proposal", new { proposal })!;
    }

    private void Execute(string sql, object parameters)
    {
        using var connection = own.Warehouse.OpenConnection();
        connection.Execute(sql, parameters);
    }

    private static List<long> Proposals(string html) =>
        ProposalRow().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static string Row(string html, long proposal)
    {
        var start = html.IndexOf($"data-proposal=\"{proposal}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"proposal {proposal} is not on the page");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    public void Dispose() => own.Dispose();

    [GeneratedRegex("data-proposal=\"(\\d+)\"")]
    private static partial Regex ProposalRow();
}
