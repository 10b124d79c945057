using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Pages.Promotions;

/// <summary>
/// The half the promotion page opens on, by the site's clock (pinned here): the newest ended half with data, not the
/// last ended one when that has none; while no half with data has ended, the running one, whose review waits.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class DefaultHalfTests(SiteFixture site)
{
    [Fact]
    public async Task A_year_later_the_page_opens_on_the_half_that_has_the_data_not_the_empty_last_one()
    {
        using var later = PinnedClock.Site(site, new DateOnly(2027, 8, 1));
        using var hr = await SiteFixture.SignedIn(later, "hr");

        var html = await hr.GetStringAsync("/promotions");

        Assert.Contains("name=\"half\" value=\"2026H1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"run-now\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_half_with_the_data_runs_the_page_opens_on_it_and_says_when_its_review_can_run()
    {
        using var during = PinnedClock.Site(site, new DateOnly(2026, 3, 9));
        using var hr = await SiteFixture.SignedIn(during, "hr");

        var html = await hr.GetStringAsync("/promotions");

        Assert.Contains("name=\"half\" value=\"2026H1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"run-now\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"half-running\"", html, StringComparison.Ordinal);
    }
}
