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

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
