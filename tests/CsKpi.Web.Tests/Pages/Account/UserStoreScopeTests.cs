using CsKpi.Web.Account;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Pages.Account;

/// <summary>
/// A supervisor or agent user belongs to a store (issue 13, item 6): team names repeat across stores, so a
/// supervisor without one saw a team of that name in every store.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class UserStoreScopeTests(SiteFixture site)
{
    [Fact]
    public async Task A_supervisor_created_with_a_team_belongs_to_the_store_of_that_team()
    {
        using var admin = await site.Client("admin");

        var html = await Save(admin, "lead-store", Roles.Supervisor, team: site.Team);

        Assert.Contains("id=\"message\"", html, StringComparison.Ordinal);
        Assert.Equal(site.Store, site.Site.Services.GetRequiredService<UserStore>().Find("lead-store")!.StoreId);
    }

    [Fact]
    public async Task An_agent_user_belongs_to_the_store_of_the_agent()
    {
        using var admin = await site.Client("admin");

        await Save(admin, "agent-store", Roles.Agent, agent: site.OwnAgent);

        Assert.Equal(site.Store, site.Site.Services.GetRequiredService<UserStore>().Find("agent-store")!.StoreId);
    }

    [Fact]
    public async Task A_store_without_the_team_is_refused()
    {
        using var admin = await site.Client("admin");

        var html = await Save(admin, "lead-elsewhere", Roles.Supervisor, team: site.Team, store: "没有这个店");

        Assert.Contains($"店铺 没有这个店 没有小组 {site.Team}。", html, StringComparison.Ordinal);
        Assert.Null(site.Site.Services.GetRequiredService<UserStore>().Find("lead-elsewhere"));
    }

    [Fact]
    public void A_supervisor_row_without_a_store_sees_no_store_rather_than_every_store()
    {
        var viewer = new Viewer("old-lead", "old-lead", Roles.Supervisor, null, "售前一组", null);

        Assert.False(viewer.MaySee("乙店:小A", "乙店", "售前一组"));
        Assert.Equal("", viewer.ForcedStore);
    }

    private static async Task<string> Save(HttpClient admin, string user, string role, string? team = null, string? agent = null, string? store = null)
    {
        using var response = await SiteFixture.PostForm(admin, "/account/users", "/account/users?handler=Save", new()
        {
            ["Form.UserName"] = user,
            ["Form.Role"] = role,
            ["Form.StoreId"] = store ?? "",
            ["Form.Team"] = team ?? "",
            ["Form.AgentId"] = agent ?? "",
            ["Form.Password"] = "a-long-password",
            ["Form.IsActive"] = "true",
        });
        return await response.Content.ReadAsStringAsync();
    }
}
