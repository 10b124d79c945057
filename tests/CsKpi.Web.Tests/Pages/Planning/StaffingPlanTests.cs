using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Planning;

/// <summary>
/// Issue 18.5 on /planning: one plan — the formula's headcount, the hourly online need and the roster of shifts that
/// covers them, linked and explained — over the same history as <c>cskpi staffing</c> (which calls
/// <see cref="StaffingPlanner.Plan"/> with no window), with a target per day and whole people.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class StaffingPlanTests(SiteFixture site)
{
    private const string Month = "grain=range&from=2026-03-01&to=2026-03-31";

    private static string Id(string html, string id) =>
        Regex.Match(html, $"id=\"{id}\">([^<]*)<") is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"no #{id}");

    [Fact]
    public async Task By_default_the_page_plans_on_the_commands_history_window_and_gives_its_numbers()
    {
        var command = StaffingPlanner.Plan(site.Warehouse, new StaffingRequest(500_000m, StoreId: site.Store));
        using var client = await site.Client("admin");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/planning?{Month}&store={Uri.EscapeDataString(site.Store)}&target=500000"));

        Assert.Contains($"{command.From:yyyy-MM-dd} – {command.To:yyyy-MM-dd}", Id(html, "history-window"), StringComparison.Ordinal);
        Assert.Equal(command.Headcount.Agents.ToString(), Id(html, "agents-needed"));
        Assert.Equal(command.PlannedAgents.ToString("N0"), Id(html, "planned-agents"));
        Assert.Equal(command.Gap.ToString(), Id(html, "gap"));
        Assert.StartsWith("cskpi staffing --target-sales 500000 --store ", Id(html, "staffing-command"), StringComparison.Ordinal);
        Assert.DoesNotContain("--from", Id(html, "staffing-command"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asked_for_the_pickers_period_the_plan_uses_it_and_the_command_says_so()
    {
        using var client = await site.Client("admin");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/planning?{Month}&store={Uri.EscapeDataString(site.Store)}&target=500000&history=period"));

        Assert.Contains("2026-03-01 – 2026-03-06", Id(html, "history-window"), StringComparison.Ordinal);
        Assert.EndsWith("--from 2026-03-01 --to 2026-03-06", Id(html, "staffing-command"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_roster_covers_every_hour_and_its_total_is_the_plans_headcount_with_the_three_numbers_explained()
    {
        var plan = StaffingPlanner.Plan(site.Warehouse, new StaffingRequest(500_000m, StoreId: site.Store));
        var roster = Assert.IsType<ShiftRoster>(plan.Roster);
        using var client = await site.Client("supervisor");

        var html = await client.GetStringAsync("/planning?target=500000");

        var shifts = html[html.IndexOf("id=\"roster-shifts\"", StringComparison.Ordinal)..];
        shifts = shifts[..shifts.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(roster.Shifts.Count, Regex.Matches(shifts, "<tr><td>").Count);
        Assert.Contains($"<th class=\"n\">{roster.People}</th>", shifts, StringComparison.Ordinal);
        var explained = html[html.IndexOf("id=\"plan-explained\"", StringComparison.Ordinal)..];
        Assert.Contains($"公式按全天询单算出 {plan.Headcount.Agents} 人", explained, StringComparison.Ordinal);
        Assert.Contains($"高峰 {plan.Hourly!.PeakAgents} 人", explained, StringComparison.Ordinal);
        Assert.Contains($"需要 {roster.HourlyPeople} 人", explained, StringComparison.Ordinal);
        Assert.Contains($"计划 {roster.People} 人", explained, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_says_the_target_is_per_day_and_buyers_are_whole()
    {
        using var client = await site.Client("admin");

        // 10,000 ÷ 300 = 33.3 paying buyers: 34 people, not 33.33.
        var html = await client.GetStringAsync("/planning?target=10000&aov=300&share=50&conversion=50&receptions=10");

        Assert.Contains("大促当天的目标销售额（元/天）", html, StringComparison.Ordinal);
        Assert.Equal("34", Id(html, "buyers"));
    }
}
