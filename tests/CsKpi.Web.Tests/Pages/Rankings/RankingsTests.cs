using CsKpi.Web.Charts;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Rankings;

[Collection(SiteCollection.Name)]
public sealed class RankingsTests(SiteFixture site)
{
    private const string March = "grain=range&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task Ranked_agents_and_small_samples_are_listed_apart_as_the_ranking_macro_says()
    {
        using var client = await site.Client("analyst");

        var html = await client.GetStringAsync($"/rankings?{March}&metric=reply_rate");

        using var connection = site.Warehouse.OpenConnection();
        var rows = connection.Query<(string AgentId, long? StoreRank)>(
            "select agent_id, store_rank from marts.agent_ranking('range', date '2026-03-01', date '2026-03-31') where metric = 'reply_rate'").ToList();
        Assert.Contains(rows, r => r.StoreRank is null);
        Assert.Contains(rows, r => r.StoreRank is not null);
        var ranked = Section(html, "id=\"ranked\"", "id=\"apart\"");
        var apart = html[html.IndexOf("id=\"apart\"", StringComparison.Ordinal)..];
        foreach (var (agent, rank) in rows)
        {
            Assert.Contains(Uri.EscapeDataString(agent), rank is null ? apart : ranked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_supervisor_ranks_only_their_team()
    {
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync($"/rankings?{March}&metric=received_buyers&scope=team");

        Assert.Contains(Uri.EscapeDataString(site.OwnAgent), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(site.OtherAgent), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ranking_chart_is_drawn_and_the_download_keeps_the_metric()
    {
        using var client = await site.Client("admin");

        var png = await client.GetByteArrayAsync($"/rankings?{March}&metric=sales_amount&handler=Chart");
        var csv = await client.GetStringAsync($"/rankings?{March}&metric=sales_amount&handler=Export&format=csv");

        Png.AssertDrawn(png, 640, new RankingChart(new("", ""), new("", ""), Ranked("sales_amount"), []).Height);
        Assert.Contains("销售额", csv.Split("\r\n")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ranking_chart_has_a_row_for_every_ranked_agent_and_the_page_sizes_it_so()
    {
        using var client = await site.Client("analyst");
        var ranked = Ranked("reply_rate");

        var png = await client.GetByteArrayAsync($"/rankings?{March}&metric=reply_rate&handler=Chart");
        var html = await client.GetStringAsync($"/rankings?{March}&metric=reply_rate");

        // Not cut to 20: the image is as tall as the rows of all the ranked agents need.
        var height = Math.Max(300, 90 + RankingChart.RowHeight * ranked.Count);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((640, height), (bitmap.Width, bitmap.Height));
        Assert.Contains($"width=\"640\" height=\"{height}\"", html, StringComparison.Ordinal);
    }

    /// <summary>The names of the agents the ranking macro ranks in the store on a metric in March.</summary>
    private List<string> Ranked(string metric)
    {
        using var connection = site.Warehouse.OpenConnection();
        return connection.Query<string>("select agent_name from marts.agent_ranking('range', date '2026-03-01', date '2026-03-31') where metric = $metric and store_rank is not null",
            new { metric }).ToList();
    }

    private static string Section(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        return html[start..html.IndexOf(to, start, StringComparison.Ordinal)];
    }
}
