using System.Security.Claims;
using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace CsKpi.Web.Account;

/// <summary>A row of <c>app.user_account</c> without its hash.</summary>
public sealed record UserAccount
{
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public string? StoreId { get; init; }
    public string? Team { get; init; }
    public string? AgentId { get; init; }
    public bool IsActive { get; init; } = true;

    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, UserName),
            new(ClaimTypes.Role, Role),
            new(SiteClaims.DisplayName, DisplayName),
        };
        AddIf(SiteClaims.Store, StoreId);
        AddIf(SiteClaims.Team, Team);
        AddIf(SiteClaims.AgentId, AgentId);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));

        void AddIf(string type, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                claims.Add(new Claim(type, value));
            }
        }
    }
}

/// <summary>
/// The site's users in the warehouse's <c>app</c> schema, passwords hashed with ASP.NET Core's PasswordHasher.
/// </summary>
public sealed class UserStore(WarehouseDatabase warehouse)
{
    public const int MinimumPasswordLength = 8;

    private const string Columns = "user_name, display_name, role, store_id, team, agent_id, is_active";

    private readonly PasswordHasher<UserAccount> hasher = new();

    public IReadOnlyList<UserAccount> List()
    {
        using var connection = warehouse.OpenConnection();
        return connection.Query<UserAccount>($"select {Columns} from app.user_account order by role, user_name").ToList();
    }

    public UserAccount? Find(string userName)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QuerySingleOrDefault<UserAccount>($"select {Columns} from app.user_account where user_name = $userName", new { userName });
    }

    /// <summary>The active user with this name and password, else null (the same for a wrong name or password).</summary>
    public UserAccount? Verify(string userName, string password)
    {
        using var connection = warehouse.OpenConnection();
        var row = connection.QuerySingleOrDefault<(string Hash, bool Active)>(
            "select password_hash, is_active from app.user_account where user_name = $userName", new { userName });
        if (row.Hash is null || !row.Active)
        {
            // Same work as a real check, so a wrong name takes as long as a wrong password.
            hasher.VerifyHashedPassword(Placeholder, PlaceholderHash, password);
            return null;
        }

        var user = Find(userName)!;
        var result = hasher.VerifyHashedPassword(user, row.Hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            SetPassword(userName, password, userName);
        }

        return result == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>Creates the user or changes its role, scope and name; the password only when one is given.</summary>
    public void Save(UserAccount user, string? password, string changedBy)
    {
        Validate(user);
        using var connection = warehouse.OpenConnection();
        var exists = connection.ExecuteScalar<long>("select count(*) from app.user_account where user_name = $UserName", new { user.UserName }) > 0;
        if (!exists && string.IsNullOrEmpty(password))
        {
            throw new ArgumentException(Lang.T("新用户需要密码。", "A new user needs a password."));
        }

        var hash = string.IsNullOrEmpty(password) ? null : Hash(user, password);
        connection.Execute(
            """
            insert into app.user_account (user_name, display_name, role, store_id, team, agent_id, password_hash, is_active, changed_by)
            values ($UserName, $DisplayName, $Role, $StoreId, $Team, $AgentId, coalesce($hash, ''), $IsActive, $changedBy)
            on conflict (user_name) do update set
                display_name = excluded.display_name, role = excluded.role, store_id = excluded.store_id, team = excluded.team,
                agent_id = excluded.agent_id, is_active = excluded.is_active, changed_by = excluded.changed_by,
                changed_at = current_localtimestamp(),
                password_hash = coalesce($hash, app.user_account.password_hash)
            """,
            new { user.UserName, user.DisplayName, user.Role, StoreId = Blank(user.StoreId), Team = Blank(user.Team), AgentId = Blank(user.AgentId), user.IsActive, hash, changedBy });
    }

    public void SetPassword(string userName, string password, string changedBy)
    {
        var user = Find(userName) ?? throw new ArgumentException($"No user {userName}.");
        var hash = Hash(user, password);
        using var connection = warehouse.OpenConnection();
        connection.Execute(
            "update app.user_account set password_hash = $hash, changed_by = $changedBy, changed_at = current_localtimestamp() where user_name = $userName",
            new { hash, changedBy, userName });
    }

    /// <summary>
    /// The first admin: user <c>admin</c> with the password of <c>CSKPI_ADMIN_PASSWORD</c>, created when missing. An
    /// existing admin keeps the password it has (the variable seeds, it does not overwrite).
    /// </summary>
    public bool EnsureAdmin(string password)
    {
        if (Find("admin") is not null)
        {
            return false;
        }

        Save(new UserAccount { UserName = "admin", DisplayName = "管理员", Role = Roles.Admin }, password, "CSKPI_ADMIN_PASSWORD");
        return true;
    }

    /// <summary>Creates a user only when the name is free; true when it did.</summary>
    public bool AddIfMissing(UserAccount user, string password, string changedBy)
    {
        if (Find(user.UserName) is not null)
        {
            return false;
        }

        Save(user, password, changedBy);
        return true;
    }

    private string Hash(UserAccount user, string password)
    {
        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException(Lang.T($"密码至少 {MinimumPasswordLength} 位。", $"A password has at least {MinimumPasswordLength} characters."));
        }

        return hasher.HashPassword(user, password);
    }

    private static void Validate(UserAccount user)
    {
        if (string.IsNullOrWhiteSpace(user.UserName) || user.UserName.Length > 64)
        {
            throw new ArgumentException(Lang.T("用户名不能为空。", "The user name is required."));
        }

        if (!Roles.All.Contains(user.Role))
        {
            throw new ArgumentException(Lang.T($"未知角色 {user.Role}。", $"Unknown role {user.Role}."));
        }

        if (user.Role == Roles.Supervisor && string.IsNullOrWhiteSpace(user.Team))
        {
            throw new ArgumentException(Lang.T("主管需要指定小组。", "A supervisor needs a team."));
        }

        if (user.Role == Roles.Agent && string.IsNullOrWhiteSpace(user.AgentId))
        {
            throw new ArgumentException(Lang.T("客服用户需要指定客服账号。", "An agent user needs an agent account."));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static readonly UserAccount Placeholder = new() { UserName = "", DisplayName = "", Role = Roles.Agent };
    private static readonly string PlaceholderHash = new PasswordHasher<UserAccount>().HashPassword(Placeholder, "placeholder-password");
}
