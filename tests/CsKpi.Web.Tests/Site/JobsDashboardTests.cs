using System.Net;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Site;

/// <summary>The Hangfire dashboard is the admins' (interfaces.md), behind the site's own sign-in.</summary>
[Collection(SiteCollection.Name)]
public sealed class JobsDashboardTests(SiteFixture site)
{
    [Fact]
    public async Task An_admin_sees_the_recurring_jobs()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/hangfire/recurring");

        Assert.Contains("ingest-inbox", html, StringComparison.Ordinal);
        Assert.Contains("review-half", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hr")]
    [InlineData("analyst")]
    [InlineData("supervisor")]
    [InlineData("agent")]
    public async Task Every_other_role_is_refused(string role)
    {
        using var client = await site.Client(role);

        using var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_sign_in_it_asks_for_one()
    {
        using var client = await site.Client(null);

        using var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
