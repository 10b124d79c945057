using CsKpi.Web.Account;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Account;

/// <summary>
/// 用户 (admin): who may sign in, with which role and which store and team or agent; new users, passwords, disabling.
/// A supervisor's or agent's store comes from the form, else from the team (when one store has it) or the agent.
/// </summary>
public sealed class UsersModel(UserStore users, DuckDBConnection db) : PageModel
{
    public IReadOnlyList<UserAccount> Users { get; private set; } = [];
    public IReadOnlyList<string> Stores { get; private set; } = [];
    public IReadOnlyList<string> Teams { get; private set; } = [];
    public IReadOnlyList<(string AgentId, string Name)> Agents { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty]
    public UserForm Form { get; set; } = new();

    public sealed class UserForm
    {
        public string UserName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = Roles.Analyst;
        public string? StoreId { get; set; }
        public string? Team { get; set; }
        public string? AgentId { get; set; }
        public string? Password { get; set; }
        public bool IsActive { get; set; } = true;
    }

    public void OnGet() => Load();

    public IActionResult OnPostSave()
    {
        try
        {
            users.Save(new UserAccount
            {
                UserName = Form.UserName.Trim(),
                DisplayName = string.IsNullOrWhiteSpace(Form.DisplayName) ? Form.UserName.Trim() : Form.DisplayName.Trim(),
                Role = Form.Role,
                StoreId = StoreOf(Form),
                Team = Form.Role == Roles.Supervisor ? Form.Team : null,
                AgentId = Form.Role == Roles.Agent ? Form.AgentId : null,
                IsActive = Form.IsActive,
            }, Form.Password, User.Identity!.Name!);
            Message = Lang.T($"已保存用户 {Form.UserName}。", $"Saved user {Form.UserName}.");
            Form = new UserForm();
        }
        catch (ArgumentException error)
        {
            Error = error.Message;
        }

        Load();
        return Page();
    }

    /// <summary>
    /// The store a supervisor or agent user belongs to: the one chosen, checked against where the team or agent is,
    /// else the only store that has the team, or the agent's store. Other roles see every store and have none.
    /// </summary>
    private string? StoreOf(UserForm form)
    {
        var chosen = Blank(form.StoreId);
        if (form.Role == Roles.Supervisor && Blank(form.Team) is { } team)
        {
            var stores = db.Query<string>(
                "select distinct store_id from core.dim_agent where is_current and is_registered and team = $team order by 1", new { team }).ToList();
            return (chosen, stores.Count) switch
            {
                (null, 1) => stores[0],
                (null, > 1) => throw new ArgumentException(Lang.T(
                    $"{stores.Count} 个店铺都有小组 {team}（{string.Join("、", stores)}）：请选择店铺。",
                    $"{stores.Count} stores have a team {team} ({string.Join(", ", stores)}): choose the store.")),
                (null, _) => null,
                _ when stores.Contains(chosen) => chosen,
                _ => throw new ArgumentException(Lang.T($"店铺 {chosen} 没有小组 {team}。", $"Store {chosen} has no team {team}.")),
            };
        }

        if (form.Role == Roles.Agent && Blank(form.AgentId) is { } agent)
        {
            var store = db.QueryFirstOrDefault<string>("select store_id from core.dim_agent where is_current and agent_id = $agent", new { agent });
            return chosen is not null && store is not null && chosen != store
                ? throw new ArgumentException(Lang.T($"客服账号 {agent} 属于店铺 {store}，不属于 {chosen}。", $"Agent {agent} belongs to store {store}, not {chosen}."))
                : chosen ?? store;
        }

        return form.Role is Roles.Supervisor or Roles.Agent ? chosen : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void Load()
    {
        Users = users.List();
        Stores = db.Query<string>("select store_id from core.dim_store order by store_id").ToList();
        Teams = db.Query<string>("select distinct team from core.dim_agent where is_current and is_registered order by team").ToList();
        Agents = db.Query<(string, string)>("select agent_id, name from core.dim_agent where is_current and is_registered order by agent_id").ToList();
    }
}
