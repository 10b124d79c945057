using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// The long lists (agents, scorecards, promotions' proposals, the review sample) are paged on the server: a page holds
/// <c>Lists:PageSize</c> rows, the pager's links keep the period and filters, and the pages together hold every row
/// once. Here the page size is 2 on the fixture's six agents, as 50 is on a store of 1,000.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class PagingTests(SiteFixture site) : IDisposable
{
    private const string March = "grain=range&from=2026-03-01&to=2026-03-31";
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> paged =
        site.Create(new Dictionary<string, string?> { ["SignIn:AttemptsPerMinute"] = "10000", ["Lists:PageSize"] = "2" });

    [Theory]
    [InlineData("/agents", "agents", "zh-CN")]
    [InlineData("/agents", "agents", "en")]
    [InlineData("/scorecards", "scores", "zh-CN")]
    [InlineData("/scorecards", "scores", "en")]
    public async Task A_long_list_shows_a_page_of_rows_and_its_pages_together_hold_every_row_once(string path, string table, string language)
    {
        using var client = await SiteFixture.SignedIn(paged, "admin");
        if (language == "en")
        {
            using var switched = await SiteFixture.PostForm(client, "/", "/account/language", new() { ["culture"] = "en-US", ["back"] = "/" });
        }

        var agents = Agents();

        var seen = new List<string>();
        var url = $"{path}?{March}";
        var pages = 0;
        while (url is not null)
        {
            var html = await client.GetStringAsync(url);
            var rows = AgentIds(Table(html, table));
            Assert.InRange(rows.Count, 1, 2);
            seen.AddRange(rows);
            pages++;
            url = Next(html);
            if (url is not null)
            {
                // The next page keeps the period.
                Assert.Contains("from=2026-03-01", url, StringComparison.Ordinal);
                Assert.Contains("to=2026-03-31", url, StringComparison.Ordinal);
                Assert.Contains(language == "en" ? "Next" : "下一页", html, StringComparison.Ordinal);
            }

            Assert.True(pages <= agents.Count, "the pager never ends");
        }

        Assert.Equal(agents.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal((agents.Count + 1) / 2, pages);
    }

    [Fact]
    public async Task A_page_past_the_last_shows_the_last_and_the_pager_keeps_the_team_filter()
    {
        using var client = await SiteFixture.SignedIn(paged, "admin");
        var team = Uri.EscapeDataString(site.Team);
        var members = Agents().Count(a => TeamOf(a) == site.Team);

        var html = await client.GetStringAsync($"/agents?{March}&team={team}&page=99");

        var rows = AgentIds(Table(html, "agents"));
        Assert.Equal(members % 2 == 0 ? 2 : 1, rows.Count);
        Assert.All(rows, a => Assert.Equal(site.Team, TeamOf(a)));
        if (members > 2)
        {
            Assert.Contains("team=" + team, Previous(html), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_download_holds_every_row_not_only_the_page()
    {
        using var client = await SiteFixture.SignedIn(paged, "admin");

        var csv = await client.GetStringAsync($"/agents?{March}&handler=Export&format=csv&page=2");

        Assert.All(Agents(), a => Assert.Contains(a, csv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Team_scores_count_every_member_not_only_the_page()
    {
        using var client = await SiteFixture.SignedIn(paged, "admin");

        var html = await client.GetStringAsync($"/scorecards?{March}");

        var members = Regex.Matches(Table(html, "team-scores"), "<td class=\"n\">(\\d+)</td></tr>").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Agents().Count, members);
    }

    [Theory]
    [InlineData("/training", "matrix", CsKpi.Web.Site.Pager.DefaultParameter)]
    [InlineData("/training", "training-agents", CsKpi.Web.Site.Pager.DefaultParameter)]
    [InlineData("/rankings?metric=sales_amount", "ranked", CsKpi.Web.Site.Pager.DefaultParameter)]
    [InlineData("/reports", "report-agents", CsKpi.Web.Site.Pager.DefaultParameter)]
    [InlineData("/rankings?metric=reply_rate", "apart", CsKpi.Web.Pages.Rankings.IndexModel.ApartPage)]
    [InlineData("/rankings?metric=sales_amount", "apart", CsKpi.Web.Pages.Rankings.IndexModel.ApartPage)]
    public async Task Training_ranking_and_report_lists_are_paged_and_their_pages_hold_the_whole_list_in_its_order(string path, string table, string parameter)
    {
        using var whole = await site.Client("admin");
        using var client = await SiteFixture.SignedIn(paged, "admin");
        var url = $"{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}{March}";
        var expected = RowsOf(Table(await whole.GetStringAsync(url), table));

        var seen = new List<string>();
        var pages = 0;
        for (string? next = url; next is not null; next = Next(await client.GetStringAsync(next), parameter))
        {
            var html = await client.GetStringAsync(next);
            var rows = RowsOf(Table(html, table));
            Assert.InRange(rows.Count, expected.Count == 0 ? 0 : 1, 2);
            seen.AddRange(rows);
            Assert.True(++pages <= Math.Max(1, expected.Count), "the pager never ends");
        }

        Assert.Equal(expected, seen);
        Assert.Equal(Math.Max(1, (expected.Count + 1) / 2), pages);
    }

    /// <summary>A table's rows, each as its text without tags (links, ranks and values included).</summary>
    private static List<string> RowsOf(string table) =>
        Regex.Matches(table, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline).Where(m => !m.Value.Contains("<th", StringComparison.Ordinal))
            .Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", "|")).ToList();

    /// <summary>The next page of one list's pager (a page may have two).</summary>
    private static string? Next(string html, string parameter) =>
        Regex.Match(html, $"<nav class=\"pager filters\" data-pager=\"{parameter}\".*?</nav>", RegexOptions.Singleline) is { Success: true } nav
            ? Next(nav.Value)
            : null;

    private List<string> Agents()
    {
        using var connection = site.Warehouse.OpenConnection();
        return connection.Query<string>("select distinct agent_id from marts.kpi_agent_daily").ToList();
    }

    private string TeamOf(string agent)
    {
        using var connection = site.Warehouse.OpenConnection();
        return connection.ExecuteScalar<string>("select team from core.dim_agent where agent_id = $agent and is_current", new { agent })!;
    }

    // The scorecards show a table per card (scores-presale, scores-aftersale): a page's rows are those of all of them.
    private static string Table(string html, string id) =>
        TableOf(id).Matches(html) is { Count: > 0 } matches
            ? string.Concat(matches.Select(m => m.Value))
            : throw new InvalidOperationException($"no table {id}");

    private static List<string> AgentIds(string table) =>
        AgentLink().Matches(table).Select(m => Uri.UnescapeDataString(WebUtility.HtmlDecode(m.Groups[1].Value))).ToList();

    private static string? Next(string html) => NextLink().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string Previous(string html) => PreviousLink().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "";

    private static Regex TableOf(string id) => new($"<table class=\"data[^\"]*\" id=\"{id}(-[a-z_]+)?\">.*?</table>", RegexOptions.Singleline);

    public void Dispose() => paged.Dispose();

    [GeneratedRegex("href=\"/agents/([^\"?]+)")]
    private static partial Regex AgentLink();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"prev\"")]
    private static partial Regex PreviousLink();
}
