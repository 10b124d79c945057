using System.Globalization;
using System.Text.RegularExpressions;
using CsKpi.Warehouse.Metrics;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// The site takes every metric fact from the registry (metrics.yml): names, formats, directions, the metrics that
/// can be ranked and scored, and which metrics a page lists in which order. A different registry is what it renders.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class RegistryTests(SiteFixture site)
{
    private const string March = "grain=range&from=2026-03-02&to=2026-03-06";

    // Names, a format and a direction unlike the shipped file's; a shown: false and a scorecard: false metric that
    // rankings and scorecards must not offer; the headline in an order of its own.
    private const string Registry = """
        metrics:
          - code: received_buyers
            zh: 接待量
            en: Buyers received
            type: integer
            format: ratio
            direction: lower
            scorecard: true
            pages: {headline: 2, ranking: 1}
          - code: inquiry_buyers
            zh: 询单量
            en: Inquiries made
            type: integer
            format: count
            scorecard: true
            pages: {headline: 1}
          - code: sales_amount
            zh: 成交额
            en: Turnover
            type: decimal(18,2)
            format: money
            pages: {headline: 3}
          - code: replied_buyers
            zh: 已回复
            en: Answered
            type: integer
            scorecard: true
            shown: false
        """;

    private static IReadOnlyList<string> ScorecardMetrics(MetricRegistry registry) =>
        registry.All.Where(m => m.Scorecard && m.Shown).Select(m => m.Code).ToList();

    [Fact]
    public async Task The_rankings_picker_offers_exactly_the_registry_s_scorecard_metrics_in_its_order()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"/rankings?{March}");

        Assert.NotEmpty(ScorecardMetrics(MetricRegistry.Embedded));
        Assert.Equal(ScorecardMetrics(MetricRegistry.Embedded), Options(html, "<select name=\"metric\""));
    }

    [Fact]
    public async Task The_scorecard_editor_offers_exactly_the_registry_s_scorecard_metrics_in_its_order()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/scorecards/edit");

        Assert.Equal(ScorecardMetrics(MetricRegistry.Embedded), Options(html, "<select name=\"Items[0].Metric\""));
    }

    [Fact]
    public async Task The_scorecard_editor_offers_the_attendance_metrics_and_says_how_a_time_of_day_target_is_typed()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/scorecards/edit");

        var offered = Options(html, "<select name=\"Items[0].Metric\"");
        Assert.Superset(new HashSet<string> { "attendance_days", "online_seconds", "first_login_time", "last_online_time", "online_per_day", "service_share" },
            offered.ToHashSet());
        // The hidden parts of the mean times are not items of their own.
        Assert.DoesNotContain("first_login_total_seconds", offered);
        Assert.Contains("id=\"clock-targets\"", html, StringComparison.Ordinal);
        Assert.Contains("30600", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_registry_s_names_formats_directions_and_lists_are_what_the_site_renders()
    {
        var registry = MetricRegistry.Parse(Registry);
        using var other = site.Site.WithWebHostBuilder(host =>
            host.ConfigureTestServices(services => services.AddSingleton(new SiteMetrics(registry))));
        using var client = await SiteFixture.SignedIn(other, "admin");

        var dashboard = await client.GetStringAsync($"/?{March}");
        var rankings = await client.GetStringAsync($"/rankings?{March}");
        var editor = await client.GetStringAsync("/scorecards/edit");

        // The tiles: the registry's headline, in its order, with its names and formats; the sales lead above them
        // (the dashboard's first and large number), so they are not a tile again.
        Assert.Equal(["inquiry_buyers", "received_buyers"], TileMetrics().Matches(dashboard).Select(m => m.Groups[1].Value));
        Assert.Contains("id=\"lead\" data-metric=\"sales_amount\"", dashboard, StringComparison.Ordinal);
        Assert.Contains(">接待量<", dashboard, StringComparison.Ordinal);
        Assert.Contains(">成交额<", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(">接待人数<", dashboard, StringComparison.Ordinal);
        Assert.Contains("<h2>客服排名 · 接待量</h2>", dashboard, StringComparison.Ordinal);
        using (var connection = site.Warehouse.OpenConnection())
        {
            var received = connection.ExecuteScalar<long>(
                "select received_buyers from marts.kpi_store_period('range', date '2026-03-02', date '2026-03-06') where store_id = $store",
                new { store = site.Store });
            Assert.Contains(">" + received.ToString("N2", CultureInfo.GetCultureInfo("zh-CN")), dashboard, StringComparison.Ordinal);
        }

        // Rankings: the registry's scorecard metrics only (not the shown: false one), the first ranking by default,
        // and its direction.
        Assert.Equal(["received_buyers", "inquiry_buyers"], Options(rankings, "<select name=\"metric\""));
        Assert.Contains("<h1>排名 · 接待量</h1>", rankings, StringComparison.Ordinal);
        Assert.Contains("越低越好。", rankings, StringComparison.Ordinal);
        Assert.Equal(["received_buyers", "inquiry_buyers"], Options(editor, "<select name=\"Items[0].Metric\""));
    }

    [Fact]
    public void Each_page_list_of_the_registry_gives_every_metric_its_own_place_and_lists_only_shown_metrics()
    {
        var listed = MetricRegistry.Embedded.All.SelectMany(m => m.Pages.Select(p => (List: p.Key, Place: p.Value, Metric: m))).ToList();

        Assert.Contains(listed, l => l.List == "headline");
        Assert.All(listed.GroupBy(l => l.List), list =>
            Assert.Equal(Enumerable.Range(1, list.Count()), list.Select(l => l.Place).Order()));
        Assert.All(listed, l => Assert.True(l.Metric.Shown, $"{l.Metric.Code} is listed on {l.List} but not shown"));
    }

    /// <summary>The non-empty option values of the select that starts with <paramref name="select"/>.</summary>
    private static List<string> Options(string html, string select)
    {
        var start = html.IndexOf(select, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {select} on the page");
        var list = html[start..html.IndexOf("</select>", start, StringComparison.Ordinal)];
        return OptionValues().Matches(list).Select(m => m.Groups[1].Value).Where(v => v.Length > 0).ToList();
    }

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValues();

    [GeneratedRegex("class=\"tile\" data-metric=\"([^\"]+)\"")]
    private static partial Regex TileMetrics();
}
