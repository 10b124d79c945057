using System.Net;
using CsKpi.Web.Account;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Pages.Account;

/// <summary>
/// Sessions and the admins (issue 13, item 6), each on a site of its own, since they demote, disable and sign out
/// users: a session ends when its account changes or signs out, and the last active admin stays one.
/// </summary>
public sealed class SessionTests : IDisposable
{
    private readonly EmptySite empty = new(fromTemplate: true);
    private readonly WebApplicationFactory<Program> site;
    private readonly UserStore users;

    public SessionTests()
    {
        site = empty.Create("Testing", ("CSKPI_ADMIN_PASSWORD", SiteFixture.Password));
        users = site.Services.GetRequiredService<UserStore>();
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_or_disabled_from_the_users_page()
    {
        using var admin = await SiteFixture.SignedIn(site, "admin");

        var demoted = await Save(admin, "admin", Roles.Analyst, active: true);
        var disabled = await Save(admin, "admin", Roles.Admin, active: false);

        Assert.Contains("admin 是最后一位启用的管理员，不能停用或改为其他角色", demoted, StringComparison.Ordinal);
        Assert.Contains("id=\"error\"", disabled, StringComparison.Ordinal);
        Assert.Equal((Roles.Admin, true), (users.Find("admin")!.Role, users.Find("admin")!.IsActive));

        // With a second active admin, the first may step down.
        users.Save(new UserAccount { UserName = "admin2", DisplayName = "admin2", Role = Roles.Admin }, SiteFixture.Password, "test");
        Assert.DoesNotContain("id=\"error\"", await Save(admin, "admin", Roles.Analyst, active: true), StringComparison.Ordinal);
        Assert.Equal(Roles.Analyst, users.Find("admin")!.Role);
        Assert.Throws<ArgumentException>(() => users.Save(new UserAccount { UserName = "admin2", DisplayName = "admin2", Role = Roles.Hr }, null, "test"));
    }

    [Theory]
    [InlineData("demoted")]
    [InlineData("disabled")]
    [InlineData("new password")]
    public async Task A_session_ends_at_its_next_request_once_the_account_changes(string change)
    {
        users.Save(new UserAccount { UserName = "boss", DisplayName = "boss", Role = Roles.Admin }, SiteFixture.Password, "test");
        using var boss = await SiteFixture.SignedIn(site, "boss");
        Assert.Equal(HttpStatusCode.OK, (await boss.GetAsync("/account/users")).StatusCode);

        var account = users.Find("boss")!;
        switch (change)
        {
            case "demoted":
                users.Save(account with { Role = Roles.Analyst }, null, "admin");
                break;
            case "disabled":
                users.Save(account with { IsActive = false }, null, "admin");
                break;
            default:
                users.SetPassword("boss", "another-password", "admin");
                break;
        }

        using var after = await boss.GetAsync("/account/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/signin?ReturnUrl=", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_display_name_keeps_the_session()
    {
        users.Save(new UserAccount { UserName = "boss", DisplayName = "boss", Role = Roles.Admin }, SiteFixture.Password, "test");
        using var boss = await SiteFixture.SignedIn(site, "boss");

        users.Save(users.Find("boss")! with { DisplayName = "老板" }, null, "admin");

        Assert.Equal(HttpStatusCode.OK, (await boss.GetAsync("/account/users")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_copy_of_the_cookie_is_refused()
    {
        using var client = await SiteFixture.SignedIn(site, null);
        using var signIn = await SiteFixture.SignIn(client, "admin", SiteFixture.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cskpi-auth=", StringComparison.Ordinal)).Split(';')[0];
        using var copy = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/account/users")).StatusCode);

        using var signOut = await SiteFixture.PostForm(client, "/", "/account/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var after = await copy.GetAsync("/account/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/signin?ReturnUrl=", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supervisor_or_agent_user_without_a_store_is_refused()
    {
        var supervisor = Assert.Throws<ArgumentException>(() => users.Save(
            new UserAccount { UserName = "lead", DisplayName = "lead", Role = Roles.Supervisor, Team = "售前一组" }, SiteFixture.Password, "test"));
        var agent = Assert.Throws<ArgumentException>(() => users.Save(
            new UserAccount { UserName = "agent1", DisplayName = "agent1", Role = Roles.Agent, AgentId = "朵朵云:小A" }, SiteFixture.Password, "test"));

        // The language of the thread: a page shows its viewer's (both are written in UserStore).
        string[] needsAStore = ["主管和客服用户需要指定店铺。", "A supervisor or agent user needs a store."];
        Assert.Contains(supervisor.Message, needsAStore);
        Assert.Contains(agent.Message, needsAStore);
        Assert.Null(users.Find("lead"));
    }

    private static async Task<string> Save(HttpClient admin, string user, string role, bool active)
    {
        using var response = await SiteFixture.PostForm(admin, "/account/users", "/account/users?handler=Save", new()
        {
            ["Form.UserName"] = user,
            ["Form.DisplayName"] = user,
            ["Form.Role"] = role,
            ["Form.IsActive"] = active ? "true" : "false",
        });
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        site.Dispose();
        empty.Dispose();
    }
}
