using CsKpi.Web.Account;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Account;

/// <summary>用户 (admin): who may sign in, with which role and which team or agent; new users, passwords, disabling.</summary>
public sealed class UsersModel(UserStore users, DuckDBConnection db) : PageModel
{
    public IReadOnlyList<UserAccount> Users { get; private set; } = [];
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
                StoreId = Form.StoreId,
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

    private void Load()
    {
        Users = users.List();
        Teams = db.Query<string>("select distinct team from core.dim_agent where is_current and is_registered order by team").ToList();
        Agents = db.Query<(string, string)>("select agent_id, name from core.dim_agent where is_current and is_registered order by agent_id").ToList();
    }
}
