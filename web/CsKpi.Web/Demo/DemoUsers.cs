using CsKpi.Warehouse;
using CsKpi.Web.Account;
using CsKpi.Web.Site;
using Dapper;

namespace CsKpi.Web.Demo;

/// <summary>
/// Where the first-start demo load stands; the layout and the dashboard show it. It stays at None where no demo runs:
/// outside Development, with Demo:Enabled=false, and in builds without the demo (Release: web/CsKpi.Web.Demo).
/// </summary>
public sealed class DemoDataStatus
{
    public enum State { None, Loading, Completing, Ready, Failed }

    public State Current { get; set; } = State.None;
    public string? Error { get; set; }
    public bool IsLoading => Current == State.Loading;
}

/// <summary>
/// The demo sign-ins of the README. The password also serves the first admin in Development when
/// CSKPI_ADMIN_PASSWORD is not set, demo data or not; the other users follow once the demo data names their team.
/// </summary>
public sealed class DemoUsers(WarehouseDatabase warehouse, UserStore users)
{
    public const string Password = "cskpi-demo";

    /// <summary>The demo sign-ins, all with <see cref="Password"/> (admin: CSKPI_ADMIN_PASSWORD when set).</summary>
    public static readonly IReadOnlyList<(string User, string Role)> Users =
        [("admin", Roles.Admin), ("hr", Roles.Hr), ("analyst", Roles.Analyst), ("supervisor", Roles.Supervisor), ("agent", Roles.Agent)];

    /// <summary>
    /// The supervisor leads the biggest presale team of a store with chats (the demo's second store has only reports,
    /// whose pages show less); the agent is that team's first member.
    /// </summary>
    public void Create()
    {
        using var connection = warehouse.OpenConnection();
        var agent = connection.QueryFirstOrDefault<(string StoreId, string Team, string AgentId, string Name)>("""
            select store_id, team, agent_id, name from core.dim_agent
            where is_current and is_registered and role <> 'aftersale'
            order by store_id in (select store_id from marts.kpi_agent_daily where source = 'chats') desc,
                count(*) over (partition by store_id, team) desc, store_id, team, agent_id
            """);
        if (agent.AgentId is null)
        {
            return;
        }

        var created = new List<string>();
        foreach (var (user, role) in Users.Where(u => u.Role != Roles.Admin))
        {
            var account = new UserAccount
            {
                UserName = user,
                DisplayName = role switch { Roles.Hr => "人事（演示）", Roles.Analyst => "分析师（演示）", Roles.Supervisor => $"{agent.Team}主管（演示）", _ => agent.Name },
                Role = role,
                StoreId = role is Roles.Supervisor or Roles.Agent ? agent.StoreId : null,
                Team = role == Roles.Supervisor ? agent.Team : null,
                AgentId = role == Roles.Agent ? agent.AgentId : null,
            };
            if (users.AddIfMissing(account, Password, "demo"))
            {
                created.Add($"  {user,-11} {Password}   ({role}{(account.Team is null ? "" : ", " + account.Team)}{(account.AgentId is null ? "" : ", " + account.AgentId)})");
            }
        }

        if (created.Count > 0)
        {
            // The console, not the log: a newcomer reads these to sign in.
            Console.WriteLine("Demo sign-ins (Development):\n" + string.Join('\n', created));
        }
    }
}
