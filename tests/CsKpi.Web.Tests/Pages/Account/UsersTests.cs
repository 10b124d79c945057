using System.Net;
using CsKpi.Web.Account;
using CsKpi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Pages.Account;

[Collection(SiteCollection.Name)]
public sealed class UsersTests(SiteFixture site)
{
    [Fact]
    public async Task An_admin_creates_a_supervisor_who_can_then_sign_in()
    {
        using var admin = await site.Client("admin");

        using var saved = await SiteFixture.PostForm(admin, "/account/users", "/account/users?handler=Save", new()
        {
            ["Form.UserName"] = "lead2",
            ["Form.DisplayName"] = "组长",
            ["Form.Role"] = "supervisor",
            ["Form.Team"] = site.Team,
            ["Form.Password"] = "a-long-password",
            ["Form.IsActive"] = "true",
        });
        var html = await saved.Content.ReadAsStringAsync();

        Assert.Contains("id=\"message\"", html, StringComparison.Ordinal);
        var user = site.Site.Services.GetRequiredService<UserStore>().Find("lead2");
        Assert.Equal(("supervisor", site.Team), (user!.Role, user.Team));
        using var lead = await SiteFixture.SignedIn(site.Site, "lead2", "a-long-password");
        using var page = await lead.GetAsync("/rankings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_supervisor_without_a_team_is_refused()
    {
        using var admin = await site.Client("admin");

        using var saved = await SiteFixture.PostForm(admin, "/account/users", "/account/users?handler=Save", new()
        {
            ["Form.UserName"] = "nobody",
            ["Form.Role"] = "supervisor",
            ["Form.Password"] = "a-long-password",
        });

        Assert.Contains("id=\"error\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(site.Site.Services.GetRequiredService<UserStore>().Find("nobody"));
    }

    [Fact]
    public void Passwords_are_stored_hashed()
    {
        using var connection = site.Warehouse.OpenConnection();
        var hash = Dapper.SqlMapper.ExecuteScalar<string>(connection, "select password_hash from app.user_account where user_name = 'admin'")!;

        Assert.DoesNotContain(SiteFixture.Password, hash, StringComparison.Ordinal);
        Assert.True(hash.Length > 40);
    }
}
