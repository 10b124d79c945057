using System.Net;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Planning;

[Collection(SiteCollection.Name)]
public sealed class PlanningTests(SiteFixture site)
{
    private const string Period = "grain=range&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task Every_typed_input_gives_the_issue_example_of_20_agents()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"/planning?{Period}&target=2000000&aov=200&share=30&conversion=50&receptions=300");

        Assert.Contains("id=\"agents-needed\">20<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"inputs\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"active-agents\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"gap\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"plan-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inputs_left_empty_come_from_history_with_their_source_and_the_hourly_plan()
    {
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync($"/planning?{Period}&target=500000");

        Assert.Contains("id=\"agents-needed\"", html, StringComparison.Ordinal);
        Assert.Contains("历史", html, StringComparison.Ordinal);
        Assert.True(html.Contains("id=\"hourly-plan\"", StringComparison.Ordinal) || html.Contains("id=\"hourly-note\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_planning_error_is_shown_next_to_the_form()
    {
        using var client = await site.Client("analyst");

        var html = await client.GetStringAsync($"/planning?{Period}&target=1000&aov=200&share=130&conversion=50&receptions=300");

        Assert.Contains("id=\"plan-error\"", html, StringComparison.Ordinal);
        Assert.Contains("客服销售占比", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cs share", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_what_if_textbook_case_is_1500_a_day_45000_a_month_547500_a_year()
    {
        using var client = await site.Client("hr");

        var html = await client.GetStringAsync($"/planning?{Period}&base=typed&basereceptions=100&baseconversion=45&baseaov=100"
            + "&alt=typed&altreceptions=100&altconversion=60&altaov=100&margin=40&cost=6000");

        Assert.Contains("id=\"daily-difference\">1,500.00<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"monthly-difference\">45,000.00<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"yearly-difference\">547,500.00<", html, StringComparison.Ordinal);
        Assert.Contains("4,500.00", html, StringComparison.Ordinal);
        Assert.Contains("6,000.00", html, StringComparison.Ordinal);
        // 40 % of 1,500 = 600 profit a day: a 6,000 agent pays for herself in 10 days.
        Assert.Contains("id=\"daily-profit\">600.00<", html, StringComparison.Ordinal);
        Assert.Contains("10.0 天回本", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_scenario_compares_an_agent_with_the_teams_best()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"/planning?{Period}&base=agent&baseagent={Uri.EscapeDataString(site.OwnAgent)}&alt=best");

        Assert.True(html.Contains("id=\"scenarios\"", StringComparison.Ordinal) || html.Contains("id=\"what-if-error\"", StringComparison.Ordinal));
        Assert.Contains(site.OwnAgent, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_cannot_compare_another_teams_agent()
    {
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync($"/planning?{Period}&base=agent&baseagent={Uri.EscapeDataString(site.OtherAgent)}&alt=best");

        Assert.Contains("id=\"what-if-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"scenarios\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hourly_chart_is_a_drawn_png()
    {
        using var client = await site.Client("admin");

        using var response = await client.GetAsync($"/planning?{Period}&target=500000&handler=Chart&name=hourly");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Png.AssertDrawn(await response.Content.ReadAsByteArrayAsync(), 640, 300);
    }

    [Theory]
    [InlineData("/planning")]
    [InlineData("/planning/team")]
    [InlineData("/planning?handler=Chart&name=hourly&target=500000")]
    [InlineData("/planning?handler=Export&format=csv&target=500000")]
    public async Task An_agent_is_refused_the_planning_pages_charts_and_downloads(string url)
    {
        using var client = await site.Client("agent");

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("hr")]
    [InlineData("analyst")]
    [InlineData("supervisor")]
    public async Task Managers_open_the_planning_pages(string role)
    {
        using var client = await site.Client(role);

        using var page = await client.GetAsync("/planning");
        using var team = await client.GetAsync("/planning/team");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
    }

    [Fact]
    public async Task The_team_page_diagnoses_the_team_with_course_links()
    {
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync($"/planning/team?{Period}&team={Uri.EscapeDataString(site.OtherTeam)}");

        // A supervisor is held to their own team whatever the link says.
        Assert.Contains(site.Team, html, StringComparison.Ordinal);
        Assert.True(html.Contains("id=\"weak-kpis\"", StringComparison.Ordinal) || html.Contains("id=\"diagnosis-ok\"", StringComparison.Ordinal), "no diagnosis");
        Assert.Contains("id=\"all-kpis\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agent_page_shows_the_diagnosis_with_course_links_and_the_reviews_link()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync(SiteFixture.AgentPath(site.OwnAgent) + $"?{Period}");

        Assert.Contains("id=\"diagnosis\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"weak-kpis\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/training#course-", html, StringComparison.Ordinal);
        Assert.Contains("id=\"agent-reviews\"", html, StringComparison.Ordinal);
        Assert.Contains("agent=" + Uri.EscapeDataString(site.OwnAgent), html, StringComparison.Ordinal);
        Assert.Contains("id=\"review-scores\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_s_agents_online_by_hour_stand_beside_the_inquiry_load_and_say_they_are_an_estimate()
    {
        using var client = await site.Client("admin");
        var team = Uri.EscapeDataString(site.Team);

        var html = await client.GetStringAsync($"/planning?grain=range&from=2026-03-02&to=2026-03-06&store={Uri.EscapeDataString(site.Store)}&team={team}");

        // The own agent, 08:30–18:00 four days and 08:50–18:00 one (the site fixture's attendance report): 08:00–09:00
        // holds (4 × 1800 + 600) / 3600 / 5 days = 0.43 agents, 09:00–18:00 one, 18:00 none.
        var start = html.IndexOf("id=\"online-by-hour\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no online-by-hour table");
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        string Online(int hour)
        {
            var row = table[table.IndexOf($"<td>{hour:00}:00</td>", StringComparison.Ordinal)..];
            return System.Text.RegularExpressions.Regex.Matches(row[..row.IndexOf("</tr>", StringComparison.Ordinal)], "<td class=\"n\">([^<]*)</td>")[1].Groups[1].Value;
        }

        Assert.Equal(("0.00", "0.43", "1.00", "1.00", "0.00"), (Online(7), Online(8), Online(9), Online(17), Online(18)));
        Assert.Contains("估算", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"online-note\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_attendance_report_the_planning_page_says_who_was_online_is_unknown()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"/planning?grain=range&from=2026-03-02&to=2026-03-06&store={Uri.EscapeDataString(site.Store)}&team={Uri.EscapeDataString(site.OtherTeam)}");

        Assert.Contains("id=\"online-note\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"online-by-hour\"", html, StringComparison.Ordinal);
    }
}
