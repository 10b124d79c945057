using System.Net;
using CsKpi.Web.Account;
using CsKpi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Site;

/// <summary>Sign-in, roles, anti-forgery and the security headers, over every page of the site.</summary>
[Collection(SiteCollection.Name)]
public sealed class AccessTests(SiteFixture site)
{
    public static readonly TheoryData<string> Pages = new()
    {
        "/", "/agents", "/rankings", "/scorecards", "/scorecards/edit", "/reports", "/etl", "/account/users",
        "/planning", "/planning/team", "/reviews", "/reports/reconciliation",
    };

    /// <summary>Which roles may open each page (interfaces.md); everyone else gets 403.</summary>
    public static readonly TheoryData<string, string, bool> Matrix = Build();

    private static TheoryData<string, string, bool> Build()
    {
        var data = new TheoryData<string, string, bool>();
        var allowed = new Dictionary<string, string[]>
        {
            ["/"] = ["admin", "hr", "analyst", "supervisor", "agent"],
            ["/agents"] = ["admin", "hr", "analyst", "supervisor", "agent"],
            ["/rankings"] = ["admin", "hr", "analyst", "supervisor"],
            ["/scorecards"] = ["admin", "hr", "analyst", "supervisor"],
            ["/scorecards/edit"] = ["admin"],
            ["/reports"] = ["admin", "hr", "analyst", "supervisor"],
            ["/etl"] = ["admin"],
            ["/account/users"] = ["admin"],
            ["/planning"] = ["admin", "hr", "analyst", "supervisor"],
            ["/planning/team"] = ["admin", "hr", "analyst", "supervisor"],
            ["/reviews"] = ["admin", "hr", "supervisor", "agent"],
            ["/reports/reconciliation"] = ["admin", "hr", "analyst", "supervisor"],
        };
        foreach (var (page, roles) in allowed)
        {
            foreach (var role in CsKpi.Web.Site.Roles.All)
            {
                data.Add(page, role, roles.Contains(role));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_sends_an_anonymous_visitor_to_sign_in(string page)
    {
        using var client = await site.Client(null);

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_opens_what_it_may_and_is_refused_the_rest(string page, string role, bool allowed)
    {
        using var client = await site.Client(role);

        using var response = await client.GetAsync(page);

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/?handler=Chart&name=sales")]
    [InlineData("/?handler=Export&format=csv")]
    [InlineData("/agents?handler=Export&format=csv")]
    [InlineData("/reports/reconciliation?handler=Export&format=csv")]
    public async Task Charts_and_downloads_need_a_sign_in_too(string url)
    {
        using var client = await site.Client(null);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = await site.Client("admin");

        using var response = await client.GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        using var client = await site.Client(null);

        using var response = await SiteFixture.SignIn(client, "admin", "not-the-password");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"signin-failed\"", html, StringComparison.Ordinal);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Theory]
    [InlineData("/account/signin", "UserName=admin&Password=test-password")]
    [InlineData("/account/language", "culture=en-US")]
    [InlineData("/account/signout", "")]
    [InlineData("/account/users?handler=Save", "Form.UserName=mallory&Form.Role=admin&Form.Password=12345678")]
    [InlineData("/etl?handler=Run", "")]
    [InlineData("/scorecards/edit?handler=Save", "EffectiveFrom=2026-03-01")]
    [InlineData("/reviews?handler=Sample", "week=2026-03-02")]
    public async Task Forms_refuse_a_post_without_the_anti_forgery_token(string url, string body)
    {
        using var client = await site.Client("admin");

        using var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(site.Site.Services.GetRequiredService<UserStore>().Find("mallory"));
    }

    [Fact]
    public async Task The_language_switch_is_remembered()
    {
        using var client = await site.Client("analyst");

        using var switched = await SiteFixture.PostForm(client, "/", "/account/language", new() { ["culture"] = "en-US", ["back"] = "/agents" });
        var english = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/agents", switched.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Dashboard", english, StringComparison.Ordinal);
        // Charts draw the language into the image, so their URLs differ by language (or a browser shows its cached one).
        Assert.Contains("handler=Chart&amp;lang=en-US", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_is_the_default()
    {
        using var client = await site.Client("hr");

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("总览", html, StringComparison.Ordinal);
    }
}
