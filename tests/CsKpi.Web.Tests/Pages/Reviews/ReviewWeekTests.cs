using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Reviews;

/// <summary>
/// The chat review's weeks by the site's clock (pinned here): the week still running is neither the default, nor
/// shown, nor sampled; a week's sample is grouped by agent and an agent's samples by week.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class ReviewWeekTests(SiteFixture site)
{
    private static readonly DateOnly Week = new(2026, 3, 2);

    [Fact]
    public async Task On_the_thursday_of_the_data_week_the_page_opens_on_the_week_before_and_refuses_to_sample_the_running_one()
    {
        using var thursday = PinnedClock.Site(site, Week.AddDays(3));
        using var admin = await SiteFixture.SignedIn(thursday, "admin");

        var html = await admin.GetStringAsync("/reviews");
        var running = await admin.GetStringAsync("/reviews?week=2026-03-04");
        using var refused = await SiteFixture.PostForm(admin, "/reviews?week=2026-03-02", "/reviews?handler=Sample", new() { ["week"] = "2026-03-02" });
        var refusal = await refused.Content.ReadAsStringAsync();

        Assert.Contains("value=\"2026-02-23\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"week-running\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"week-running\"", running, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"pick-sample\"", running, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"review-link\"", running, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"sample-error\"", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sample-message\"", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_monday_after_the_page_opens_on_the_ended_week_grouped_by_agent()
    {
        using var monday = PinnedClock.Site(site, Week.AddDays(7));
        using var admin = await SiteFixture.SignedIn(monday, "admin");
        using var picked = await SiteFixture.PostForm(admin, "/reviews", "/reviews?handler=Sample", new() { ["week"] = "2026-03-02" });
        Assert.Contains("id=\"sample-message\"", await picked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sample = ChatReviews.Sample(site.Warehouse, Week);

        var html = await admin.GetStringAsync("/reviews");

        Assert.Contains("value=\"2026-03-02\"", html, StringComparison.Ordinal);
        var groups = Groups(html);
        Assert.Equal(sample.Select(s => s.AgentId).Distinct().Order(StringComparer.Ordinal), groups.Keys.Order(StringComparer.Ordinal));
        foreach (var (agent, rows) in groups)
        {
            Assert.Equal(sample.Count(s => s.AgentId == agent), rows.Count);
            Assert.All(rows, row => Assert.Equal(agent, row));
        }
    }

    [Fact]
    public async Task An_agents_samples_are_grouped_by_week_and_the_running_week_is_left_out()
    {
        var earlier = ChatSamplingJob(Week);
        using var thursday = PinnedClock.Site(site, Week.AddDays(3));
        using var mondayAfter = PinnedClock.Site(site, Week.AddDays(7));
        using var early = await SiteFixture.SignedIn(thursday, "admin");
        using var late = await SiteFixture.SignedIn(mondayAfter, "admin");
        var url = $"/reviews?agent={Uri.EscapeDataString(site.OwnAgent)}&from=2026-03-02&to=2026-03-06";

        var whileRunning = await early.GetStringAsync(url);
        var afterwards = await late.GetStringAsync(url);

        Assert.Contains(earlier, s => s.AgentId == site.OwnAgent);
        Assert.Empty(Groups(whileRunning));
        Assert.Equal(["2026-03-02"], Groups(afterwards).Keys);
    }

    private IReadOnlyList<SampledReception> ChatSamplingJob(DateOnly week)
    {
        CsKpi.Jobs.ChatSamplingJob.Run(site.Warehouse, week);
        return ChatReviews.Sample(site.Warehouse, week);
    }

    /// <summary>Each group of the sample (its key) with the agent of each of its rows.</summary>
    private static Dictionary<string, List<string>> Groups(string html) =>
        GroupPattern().Matches(html).ToDictionary(
            m => m.Groups["key"].Value,
            m => RowPattern().Matches(m.Groups["body"].Value).Select(r => r.Groups["agent"].Value).ToList());

    [GeneratedRegex("<details class=\"sample-group\" id=\"group-[^\"]*\" data-group=\"(?<key>[^\"]+)\".*?>(?<body>.*?)</details>", RegexOptions.Singleline)]
    private static partial Regex GroupPattern();

    [GeneratedRegex("<tr data-agent=\"(?<agent>[^\"]+)\">")]
    private static partial Regex RowPattern();
}
