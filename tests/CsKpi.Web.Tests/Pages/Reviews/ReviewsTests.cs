using System.Net;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Reviews;

[Collection(SiteCollection.Name)]
public sealed class ReviewsTests(SiteFixture site)
{
    private const string Week = "2026-03-02";

    /// <summary>The week's sample, picked the way an admin does on the page (safe to repeat).</summary>
    private async Task<IReadOnlyList<SampledReception>> Sampled()
    {
        using var admin = await site.Client("admin");
        using var response = await SiteFixture.PostForm(admin, "/reviews?week=" + Week, "/reviews?handler=Sample", new() { ["week"] = Week });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"sample-message\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return ChatReviews.Sample(site.Warehouse, new DateOnly(2026, 3, 2));
    }

    private static string Fields(Rubric rubric, bool failCritical, Dictionary<string, string> fields)
    {
        foreach (var c in rubric.Categories)
        {
            fields["score-" + c.Category] = c.IsCritical ? (failCritical ? "0" : "1") : "80";
        }

        return "";
    }

    [Fact]
    public async Task An_admin_picks_the_weeks_sample_and_sees_it_per_agent()
    {
        var sample = await Sampled();
        using var admin = await site.Client("admin");

        var html = await admin.GetStringAsync("/reviews?week=" + Week);

        Assert.NotEmpty(sample);
        Assert.Contains("id=\"sample\"", html, StringComparison.Ordinal);
        Assert.Contains($"/reviews/{sample[0].ConsultationKey}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_may_pick_the_sample()
    {
        using var hr = await site.Client("hr");

        using var response = await SiteFixture.PostForm(hr, "/reviews?week=" + Week, "/reviews?handler=Sample", new() { ["week"] = Week });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_supervisor_sees_their_team_and_cannot_open_another_teams_review()
    {
        var sample = await Sampled();
        var other = sample.First(s => s.AgentId == site.OtherAgent);
        using var supervisor = await site.Client("supervisor");

        var list = await supervisor.GetStringAsync("/reviews?week=" + Week);
        using var page = await supervisor.GetAsync($"/reviews/{other.ConsultationKey}");
        using var agentList = await supervisor.GetAsync("/reviews?agent=" + Uri.EscapeDataString(site.OtherAgent));

        Assert.DoesNotContain($"data-agent=\"{site.OtherAgent}\"", list, StringComparison.Ordinal);
        Assert.Contains($"data-agent=\"{site.OwnAgent}\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, agentList.StatusCode);
    }

    [Fact]
    public async Task The_review_page_masks_the_buyer_and_only_an_admin_unmasks()
    {
        var own = (await Sampled()).First(s => s.AgentId == site.OwnAgent);
        using var connection = site.Warehouse.OpenConnection();
        var buyer = connection.ExecuteScalar<string>("select buyer_id from core.fct_reception where consultation_key = $key", new { key = own.ConsultationKey })!;
        using var supervisor = await site.Client("supervisor");
        using var admin = await site.Client("admin");

        var masked = await supervisor.GetStringAsync($"/reviews/{own.ConsultationKey}?unmask=true");
        var unmasked = await admin.GetStringAsync($"/reviews/{own.ConsultationKey}?unmask=true");

        Assert.Contains("id=\"conversation\"", masked, StringComparison.Ordinal);
        Assert.Contains("id=\"rubric\"", masked, StringComparison.Ordinal);
        Assert.DoesNotContain(buyer, masked, StringComparison.Ordinal);
        Assert.Contains(ChatReviews.MaskBuyer(buyer), masked, StringComparison.Ordinal);
        Assert.Contains(buyer, unmasked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_critical_category_scores_the_review_0_and_a_good_one_scores()
    {
        var own = (await Sampled()).Where(s => s.AgentId == site.OwnAgent).ToList();
        var rubric = ChatReviews.RubricFor(site.Warehouse, own[0].StoreId, own[0].BusinessDay);
        Assert.Contains(rubric.Categories, c => c.IsCritical);
        using var supervisor = await site.Client("supervisor");
        var page = $"/reviews/{own[0].ConsultationKey}";

        var failed = new Dictionary<string, string> { ["comment"] = "promised a refund the store does not give", ["example"] = "bad" };
        Fields(rubric, failCritical: true, failed);
        using var failedResponse = await SiteFixture.PostForm(supervisor, page, page + "?handler=Save", failed);
        var failedHtml = await failedResponse.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, failedResponse.StatusCode);
        Assert.Contains("id=\"review-score\">0.0<", failedHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"critical-failed\"", failedHtml, StringComparison.Ordinal);

        var examples = await supervisor.GetStringAsync("/reviews?week=" + Week);
        Assert.Contains("id=\"example-list\"", examples, StringComparison.Ordinal);
        Assert.Contains("promised a refund the store does not give", examples, StringComparison.Ordinal);

        var passed = new Dictionary<string, string> { ["comment"] = "fine" };
        Fields(rubric, failCritical: false, passed);
        var second = $"/reviews/{own[1].ConsultationKey}";
        using var passedResponse = await SiteFixture.PostForm(supervisor, second, second + "?handler=Save", passed);
        Assert.Contains("id=\"review-score\">80.0<", await passedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The agent page shows the month's review scores.
        using var admin = await site.Client("admin");
        var agentPage = await admin.GetStringAsync(SiteFixture.AgentPath(site.OwnAgent) + "?grain=range&from=2026-03-01&to=2026-03-31");
        Assert.Contains("id=\"review-score-table\"", agentPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unscored_review_starts_empty_not_at_100_and_saving_it_empty_is_refused()
    {
        var other = (await Sampled()).First(s => s.AgentId == site.OtherAgent);
        var rubric = ChatReviews.RubricFor(site.Warehouse, other.StoreId, other.BusinessDay);
        using var admin = await site.Client("admin");
        var page = $"/reviews/{other.ConsultationKey}";

        var html = await admin.GetStringAsync(page);
        using var empty = await SiteFixture.PostForm(admin, page, page + "?handler=Save", new() { ["comment"] = "" });
        var emptyHtml = await empty.Content.ReadAsStringAsync();

        // Every score field is blank until scored: no value on the percentages, the critical ones on "—".
        Assert.All(rubric.Categories.Where(c => !c.IsCritical), c =>
            Assert.Matches($"<input type=\"number\" name=\"score-{c.Category}\" min=\"0\" max=\"100\" step=\"any\" required>", html));
        Assert.All(rubric.Categories.Where(c => c.IsCritical), c =>
            Assert.Matches($"<select name=\"score-{c.Category}\" required>\\s*<option value=\"\" selected=\"selected\">", html));
        Assert.DoesNotContain("value=\"100\"", html, StringComparison.Ordinal);
        // Posting the blank form saves nothing: the page asks for the first category's score.
        Assert.Contains("请为", emptyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"review-score\"", emptyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        var own = (await Sampled()).First(s => s.AgentId == site.OwnAgent);
        using var supervisor = await site.Client("supervisor");

        using var review = await supervisor.PostAsync($"/reviews/{own.ConsultationKey}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string> { ["comment"] = "x" }));
        using var sample = await supervisor.PostAsync("/reviews?handler=Sample", new FormUrlEncodedContent(new Dictionary<string, string> { ["week"] = Week }));

        Assert.Equal(HttpStatusCode.BadRequest, review.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, sample.StatusCode);
    }

    [Fact]
    public async Task An_agent_sees_their_own_reviews_read_only()
    {
        var sample = await Sampled();
        var own = sample.First(s => s.AgentId == site.OwnAgent);
        var other = sample.First(s => s.AgentId == site.OtherAgent);
        using var agent = await site.Client("agent");

        var html = await agent.GetStringAsync($"/reviews/{own.ConsultationKey}");
        using var others = await agent.GetAsync($"/reviews/{other.ConsultationKey}");
        var fields = new Dictionary<string, string>();
        Fields(ChatReviews.RubricFor(site.Warehouse, own.StoreId, own.BusinessDay), failCritical: false, fields);
        using var save = await SiteFixture.PostForm(agent, $"/reviews/{own.ConsultationKey}", $"/reviews/{own.ConsultationKey}?handler=Save", fields);

        Assert.DoesNotContain("id=\"save-review\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
    }

    [Fact]
    public async Task An_analyst_may_not_open_the_reviews()
    {
        using var analyst = await site.Client("analyst");

        using var response = await analyst.GetAsync("/reviews");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
