using System.Text.RegularExpressions;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Agents;

/// <summary>
/// Issue 16: the agent page shows the attendance metrics of the 赤兔 遵时率 report (the site fixture loads one for the
/// own agent, 03-02..03-06), times of day as HH:mm; an agent without a report shows them empty, never 0.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class AgentAttendanceTests(SiteFixture site)
{
    private const string Week = "grain=range&from=2026-03-02&to=2026-03-06";

    [Fact]
    public async Task The_agent_page_shows_days_worked_log_in_and_last_online_times_and_the_service_share_of_the_report()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"{SiteFixture.AgentPath(site.OwnAgent)}?{Week}");
        var shown = Attendance(html);

        // 5 days; log-in 08:30 four days and 08:50 one: (4 × 30600 + 31800) / 5 = 30840 s = 08:34; online 5 × 32400;
        // service 5 × 25200 / 162000 = 77.8 %.
        Assert.Equal("5", shown["attendance_days"]);
        Assert.Equal("08:34", shown["first_login_time"]);
        Assert.Equal("18:00", shown["last_online_time"]);
        Assert.Equal("32,400.0 秒", shown["online_per_day"]);
        Assert.Equal("162,000.0 秒", shown["online_seconds"]);
        Assert.Equal("77.8%", shown["service_share"]);
        Assert.DoesNotContain("id=\"attendance-none\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_without_an_attendance_report_shows_the_metrics_empty_and_says_why()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"{SiteFixture.AgentPath(site.OtherAgent)}?{Week}");
        var shown = Attendance(html);

        Assert.Contains("id=\"attendance-none\"", html, StringComparison.Ordinal);
        Assert.Contains("first_login_time", shown.Keys);
        Assert.All(shown.Values, value => Assert.Equal("—", value));
    }

    [Fact]
    public async Task The_english_page_names_the_attendance_metrics_in_english()
    {
        using var client = await site.Client("admin");
        using var switched = await SiteFixture.PostForm(client, "/", "/account/language", new() { ["culture"] = "en-US", ["back"] = "/" });

        var html = await client.GetStringAsync($"{SiteFixture.AgentPath(site.OwnAgent)}?{Week}");
        var table = html[html.IndexOf("id=\"attendance-title\"", StringComparison.Ordinal)..html.IndexOf("</table>", html.IndexOf("id=\"attendance\"", StringComparison.Ordinal), StringComparison.Ordinal)];

        Assert.Contains("Mean first log-in", table, StringComparison.Ordinal);
        Assert.Contains("32,400.0 s", table, StringComparison.Ordinal);
        Assert.DoesNotMatch(Chinese(), table);
    }

    /// <summary>The attendance table's value of this period by metric code.</summary>
    private static Dictionary<string, string> Attendance(string html)
    {
        var start = html.IndexOf("id=\"attendance\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no attendance table on the agent page");
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return Row().Matches(table).ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    [GeneratedRegex("<tr data-metric=\"([^\"]+)\"><td>[^<]*</td><td class=\"n\">([^<]*)</td>")]
    private static partial Regex Row();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
