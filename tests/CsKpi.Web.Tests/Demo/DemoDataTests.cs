using System.Net;
using CsKpi.Web.Account;
using CsKpi.Web.Demo;
using CsKpi.Web.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Demo;

/// <summary>The first start in Development: an empty warehouse fills itself with seeded data through the real ETL (a store with chats, one with only reports).</summary>
public sealed class DemoDataTests
{
    [Fact]
    public async Task An_empty_warehouse_is_filled_in_the_background_and_the_demo_users_can_sign_in()
    {
        using var empty = new EmptySite();
        using var site = empty.Create("Development", ("Demo:Agents", "5"), ("Demo:Days", "12"));
        using var admin = await SiteFixture.SignedIn(site, "admin", DemoUsers.Password);
        var status = site.Services.GetRequiredService<DemoDataStatus>();

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (status.Current is DemoDataStatus.State.Loading or DemoDataStatus.State.Completing or DemoDataStatus.State.None && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(DemoDataStatus.State.Ready, status.Current);
        var html = await admin.GetStringAsync("/");
        Assert.Contains("id=\"kpis\"", html, StringComparison.Ordinal);
        using (var connection = site.Services.GetRequiredService<CsKpi.Warehouse.WarehouseDatabase>().OpenConnection())
        {
            var yesterday = DateOnly.FromDateTime(DateTime.Now).AddDays(-1);
            Assert.Equal(yesterday, connection.ExecuteScalar<DateOnly>("select max(business_day) from marts.kpi_store_daily"));
            Assert.Equal(12, connection.ExecuteScalar<long>("select count(distinct business_day) from marts.kpi_store_daily"));
            // The second store has only reports: no chats, and daily KPIs from its 赤兔/千牛 reports every day.
            Assert.Equal(["朵朵云旗舰店"], connection.Query<string>("select distinct store_id from raw.chat_message"));
            Assert.Equal(12, connection.ExecuteScalar<long>(
                "select count(distinct business_day) from marts.kpi_agent_daily where store_id = '暖居家纺专营店' and source = 'report' and received_buyers > 0"));
        }

        var users = site.Services.GetRequiredService<UserStore>();
        Assert.All(DemoUsers.Users, u => Assert.Equal(u.Role, users.Find(u.User)?.Role));
        using var agent = await SiteFixture.SignedIn(site, "agent", DemoUsers.Password);
        using var own = await agent.GetAsync(SiteFixture.AgentPath(users.Find("agent")!.AgentId!));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
