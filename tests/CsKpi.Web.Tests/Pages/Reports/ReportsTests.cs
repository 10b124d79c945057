using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Reports;

[Collection(SiteCollection.Name)]
public sealed class ReportsTests(SiteFixture site)
{
    [Theory]
    [InlineData("day", "客服日报")]
    [InlineData("week", "客服周报")]
    [InlineData("month", "客服月报")]
    [InlineData("quarter", "客服季报")]
    [InlineData("year", "客服年报")]
    public async Task Each_report_shows_its_numbers_teams_agents_and_charts(string grain, string title)
    {
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync($"/reports?grain={grain}&date={SiteFixture.Start:yyyy-MM-dd}");

        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains("id=\"report-kpis\"", html, StringComparison.Ordinal);
        Assert.Contains(site.Team, html, StringComparison.Ordinal);
        Assert.DoesNotContain(site.OtherTeam + "</td>", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("handler=Chart", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task The_report_downloads_as_csv()
    {
        using var client = await site.Client("admin");

        var csv = await client.GetStringAsync($"/reports?grain=month&date={SiteFixture.Start:yyyy-MM-dd}&handler=Export&format=csv");

        Assert.Contains(site.Team, csv, StringComparison.Ordinal);
        Assert.Contains("接待人数", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provisional_badge_appears_once_under_the_key_numbers_not_on_each_row()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"/reports?grain=month&date={SiteFixture.Start:yyyy-MM-dd}");

        var table = html[html.IndexOf("id=\"report-kpis\"", StringComparison.Ordinal)..html.IndexOf("</table>", html.IndexOf("id=\"report-kpis\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.True(Count(table, "class=\"provisional-mark\"") >= 2, "the fixture's month has fewer than two provisional numbers");
        Assert.Equal(0, Count(table, "class=\"provisional\""));
        Assert.Equal(1, Count(html, "class=\"provisional\""));
        Assert.Contains("id=\"report-provisional\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_s_report_compares_with_the_whole_previous_month()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/reports?grain=month&date=2026-02-10");

        Assert.Contains("对比上期 2026-01-01 – 2026-01-31", html, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
