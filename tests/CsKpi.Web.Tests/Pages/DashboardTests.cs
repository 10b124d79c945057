using System.Globalization;
using System.Net;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class DashboardTests(SiteFixture site)
{
    [Theory]
    [InlineData("admin")]
    [InlineData("hr")]
    [InlineData("analyst")]
    [InlineData("supervisor")]
    [InlineData("agent")]
    public async Task Every_role_sees_the_dashboard_with_its_charts(string role)
    {
        using var client = await site.Client(role);

        var html = await client.GetStringAsync("/");

        Assert.Contains("id=\"kpis\"", html, StringComparison.Ordinal);
        Assert.Equal(5, CountOf(html, "handler=Chart"));
    }

    [Fact]
    public async Task The_store_numbers_are_the_period_macro_s()
    {
        using var client = await site.Client("admin");
        var (from, to) = (SiteFixture.Start, SiteFixture.Start.AddDays(SiteFixture.Days - 1));

        var html = await client.GetStringAsync($"/?grain=range&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        using var connection = site.Warehouse.OpenConnection();
        var received = connection.ExecuteScalar<long>(
            "select received_buyers from marts.kpi_store_period('range', $from, $to) where store_id = $store",
            new { from, to, store = site.Store });
        Assert.True(received > 0);
        Assert.Contains($">{received.ToString("N0", CultureInfo.GetCultureInfo("zh-CN"))}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agent_sees_only_their_own_numbers_and_no_ranking()
    {
        using var client = await site.Client("agent");

        var html = await client.GetStringAsync("/");

        Assert.DoesNotContain("id=\"top-agents\"", html, StringComparison.Ordinal);
        Assert.Contains(site.OwnAgent, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisor_s_dashboard_is_held_to_their_team()
    {
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync("/?team=" + Uri.EscapeDataString(site.OtherTeam));

        Assert.Contains($"<option value=\"{site.Team}\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{site.OtherTeam}\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("receptions")]
    [InlineData("conversion")]
    [InlineData("response")]
    [InlineData("sales")]
    [InlineData("hourly")]
    public async Task Each_chart_is_a_drawn_png(string chart)
    {
        using var client = await site.Client("admin");

        using var response = await client.GetAsync($"/?handler=Chart&name={chart}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Png.AssertDrawn(await response.Content.ReadAsByteArrayAsync(), 640, 300);
    }

    [Fact]
    public async Task The_csv_and_the_excel_file_hold_what_the_page_shows()
    {
        using var client = await site.Client("admin");

        var csv = await client.GetStringAsync("/?handler=Export&format=csv");
        using var xlsx = await client.GetAsync("/?handler=Export&format=xlsx");

        Assert.Contains("received_buyers", csv, StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(await xlsx.Content.ReadAsStreamAsync());
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.Contains("received_buyers", await sheet.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_month_to_date_highlights_its_quick_link_not_custom_range()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/");

        Assert.Contains("id=\"quick-mtd\" class=\"current\" aria-current=\"page\"", html, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(html, "aria-current=\"page\">"));
        Assert.Contains("<option value=\"range\" selected=\"selected\">本月至今</option>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">自定义范围</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_period_highlights_its_own_quick_link()
    {
        using var client = await site.Client("admin");
        var html = await client.GetStringAsync("/");
        var yesterday = Attribute(html, "id=\"quick-yesterday\"", "href").Replace("&amp;", "&", StringComparison.Ordinal);

        var day = await client.GetStringAsync(yesterday);

        Assert.Contains("id=\"quick-yesterday\" class=\"current\" aria-current=\"page\"", day, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"quick-mtd\" class=\"current\"", day, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", 9_175_628.16, "¥917.56万")]
    [InlineData("zh-CN", 123_456_789.0, "¥1.23亿")]
    [InlineData("zh-CN", 9_175.5, "¥9,175.50")]
    [InlineData("en-US", 9_175_628.16, "¥9.18M")]
    [InlineData("en-US", 91_756.2, "¥91.76K")]
    public void Large_amounts_read_in_wan_in_chinese_and_k_or_m_in_english(string culture, double amount, string expected)
    {
        var metrics = new CsKpi.Web.Site.SiteMetrics(CsKpi.Warehouse.Metrics.MetricRegistry.Embedded);
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(expected, metrics.Short("sales_amount", amount));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Fact]
    public async Task The_sales_tile_shows_the_short_amount_with_the_full_one_as_its_title()
    {
        using var client = await site.Client("admin");
        var (from, to) = (SiteFixture.Start, SiteFixture.Start.AddDays(SiteFixture.Days - 1));

        var html = await client.GetStringAsync($"/?grain=range&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        using var connection = site.Warehouse.OpenConnection();
        var sales = connection.ExecuteScalar<double>(
            "select sales_amount from marts.kpi_store_period('range', $from, $to) where store_id = $store", new { from, to, store = site.Store });
        Assert.True(sales >= 10_000, $"the fixture's sales {sales} are too small to shorten");
        var tile = Tile(html, "sales_amount");
        var wan = (sales / 10_000).ToString("N2", CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains($">¥{wan}万", tile, StringComparison.Ordinal);
        Assert.Contains($"title=\"¥{sales.ToString("N2", CultureInfo.GetCultureInfo("zh-CN"))}\"", tile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provisional_number_is_not_compared_with_a_final_one()
    {
        using var client = await site.Client("admin");
        var last = SiteFixture.Start.AddDays(SiteFixture.Days - 1);
        var (from, previousFrom) = (last.AddDays(-1), last.AddDays(-3));

        var html = await client.GetStringAsync($"/?grain=range&from={from:yyyy-MM-dd}&to={last:yyyy-MM-dd}");

        using var connection = site.Warehouse.OpenConnection();
        const string Flag = "select next_day_provisional from marts.kpi_store_period('range', $from, $to) where store_id = $store";
        Assert.True(connection.ExecuteScalar<bool>(Flag, new { from, to = last, store = site.Store }));
        Assert.False(connection.ExecuteScalar<bool>(Flag, new { from = previousFrom, to = previousFrom.AddDays(1), store = site.Store }));
        var tile = Tile(html, "next_day_conversion");
        Assert.Contains("not-compared", tile, StringComparison.Ordinal);
        Assert.DoesNotContain("%</span>", tile, StringComparison.Ordinal);
        Assert.Contains("%</span>", Tile(html, "received_buyers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_phone_the_tiles_after_the_fourth_wait_behind_more()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/");

        var tiles = CountOf(html, "<div class=\"tile");
        Assert.True(tiles > 4, $"{tiles} tiles");
        Assert.Equal(tiles - 4, CountOf(html, "<div class=\"tile extra\""));
        Assert.Contains("<label for=\"more-kpis\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"more-kpis-label\"", StringComparison.Ordinal) < html.IndexOf("handler=Chart", StringComparison.Ordinal));
    }

    /// <summary>The markup of the tile of a metric, up to the next tile.</summary>
    private static string Tile(string html, string metric)
    {
        var start = html.IndexOf($"data-metric=\"{metric}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no tile for {metric}");
        var end = html.IndexOf("data-metric=", start + 1, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.IndexOf("</section>", start, StringComparison.Ordinal) : end)];
    }

    private static string Attribute(string html, string marker, string name)
    {
        var tag = html.LastIndexOf('<', html.IndexOf(marker, StringComparison.Ordinal));
        var start = html.IndexOf(name + "=\"", tag, StringComparison.Ordinal) + name.Length + 2;
        return html[start..html.IndexOf('"', start)];
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
