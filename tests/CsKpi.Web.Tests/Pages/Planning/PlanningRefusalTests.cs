using System.Net;
using CsKpi.Web.Tests.Site;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Planning;

/// <summary>
/// Each kind of planning refusal the pages can meet, shown in the viewer's language: the planner and the what-if
/// refuse with a code and its values (PlanningException.Reason), which the site words; cskpi keeps its English.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PlanningRefusalTests(SiteFixture site)
{
    private const string Empty = "grain=range&from=2020-01-01&to=2020-01-31";
    private const string March = "grain=range&from=2026-03-01&to=2026-03-31";

    private async Task<string> Page(string role, string url, bool english)
    {
        using var client = await site.Client(role);
        if (english)
        {
            client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=en-US|uic=en-US");
        }

        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The text of the element with the id, as a reader sees it.</summary>
    private static string Notice(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {id} on the page");
        var from = html.IndexOf('>', start) + 1;
        return LanguageWalkTests.VisibleText(html[from..html.IndexOf("</", from, StringComparison.Ordinal)]).Trim();
    }

    private static void InOneLanguage(string text, bool english)
    {
        Assert.Empty(english
            ? LanguageWalkTests.ChineseLeaks(text, [])
            : LanguageWalkTests.EnglishLeaks(text, []));
    }

    [Theory]
    [InlineData(false, "客服销售占比是 130 %，须大于 0 % 且不超过 100 %。")]
    [InlineData(true, "The CS share is 130 %; it must be above 0 % and at most 100 %.")]
    public async Task A_typed_input_out_of_range_says_which_and_what_it_must_be(bool english, string expected)
    {
        var html = await Page("analyst", $"/planning?{March}&target=1000&aov=200&share=130&conversion=50&receptions=300", english);

        var notice = Notice(html, "plan-error");
        Assert.Equal(expected, notice);
        InOneLanguage(notice, english);
    }

    [Theory]
    [InlineData(false, "没有历史数据可取客单价")]
    [InlineData(true, "has no history in 1 Jan 2020 – 31 Jan 2020 to take the AOV from")]
    public async Task An_input_left_empty_over_a_period_without_history_is_refused_with_the_store_and_period(bool english, string expected)
    {
        var html = await Page("supervisor", $"/planning?{Empty}&history=period&target=500000", english);

        var notice = Notice(html, "plan-error");
        Assert.Contains(expected, notice, StringComparison.Ordinal);
        Assert.Contains(site.Store, notice, StringComparison.Ordinal);
        InOneLanguage(notice.Replace(site.Store, " ", StringComparison.Ordinal), english);
    }

    [Theory]
    [InlineData(false, "没有历史数据；请选择其他周期，或输入方案数值。")]
    [InlineData(true, "has no history in 1 Jan 2020 – 31 Jan 2020; choose another period or type the scenario.")]
    public async Task An_agent_scenario_over_a_period_without_history_is_refused(bool english, string expected)
    {
        var html = await Page("admin", $"/planning?{Empty}&base=agent&baseagent={Uri.EscapeDataString(site.OwnAgent)}&alt=typed"
            + "&altreceptions=100&altconversion=50&altaov=100", english);

        var notice = Notice(html, "what-if-error");
        Assert.Contains(expected, notice, StringComparison.Ordinal);
        Assert.Contains(site.OwnAgent, notice, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"scenarios\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "没有 KPI；请选择该客服有工作的周期。")]
    [InlineData(true, "has no KPIs in 1 Jan 2020 – 31 Jan 2020; choose a period they worked in.")]
    public async Task An_agent_without_kpis_in_the_period_has_no_diagnosis_and_the_page_says_why(bool english, string expected)
    {
        var html = await Page("admin", SiteFixture.AgentPath(site.OwnAgent) + "?" + Empty, english);

        Assert.Contains(expected, Notice(html, "diagnosis-error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat_concurrency", "三", false, "的规划设置“每人同时接待数”是“三”，不是数字；请管理员在 app.planning_setting 中改正。")]
    [InlineData("shift_hours", "2.5", false, "的规划设置“班次时长（小时）”是 2.5，不是 1 到 24 之间的整数小时")]
    [InlineData("shift_hours", "2.5", true, "The planning setting 'shift length (hours)' of store")]
    public async Task A_broken_planning_setting_is_named_with_its_store_day_and_value(string code, string value, bool english, string expected)
    {
        using (var connection = site.Warehouse.OpenConnection())
        {
            connection.Execute("insert into app.planning_setting (store_id, code, value, effective_from) values ($store, $code, $value, '2026-01-01')",
                new { store = site.Store, code, value });
        }

        try
        {
            var html = await Page("supervisor", $"/planning?{March}&history=period&target=500000", english);

            var notice = Notice(html, "plan-error");
            Assert.Contains(expected, notice, StringComparison.Ordinal);
            Assert.Contains(site.Store, notice, StringComparison.Ordinal);
        }
        finally
        {
            using var connection = site.Warehouse.OpenConnection();
            connection.Execute("delete from app.planning_setting where store_id = $store and code = $code and effective_from = '2026-01-01'",
                new { store = site.Store, code });
        }
    }
}
