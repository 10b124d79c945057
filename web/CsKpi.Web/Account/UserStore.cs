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

    /// <summary>Changes whenever the role, scope, password or activity changes, and on sign-out (see <see cref="UserStore"/>).</summary>
    public string? SecurityStamp { get; init; }

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
        AddIf(SiteClaims.Stamp, SecurityStamp);
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
/// The site's users in the warehouse's <c>app</c> schema, passwords hashed with ASP.NET Core's PasswordHasher. A
/// session lives as long as its account's security stamp: a new stamp (role, scope, password or activity changed, or a
/// sign-out) ends every session of that user at its next request. Writes are serialized, so two admins demoting each
/// other at once cannot leave the site without an active admin.
/// </summary>
public sealed class UserStore(WarehouseDatabase warehouse)
{
    public const int MinimumPasswordLength = 8;

    private const string Columns = "user_name, display_name, role, store_id, team, agent_id, is_active, security_stamp";

    private readonly PasswordHasher<UserAccount> hasher = new();
    private readonly Lock writing = new();

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
            // The same password in a stronger hash: not a change of access, so the stamp and the sessions stay.
            using var update = warehouse.OpenConnection();
            update.Execute("update app.user_account set password_hash = $hash where user_name = $userName", new { hash = hasher.HashPassword(user, password), userName });
        }

        return result == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>
    /// Creates the user or changes its role, scope and name; the password only when one is given. A change of role,
    /// scope, password or activity ends the user's sessions. The last active admin keeps the role and stays active.
    /// </summary>
    public void Save(UserAccount user, string? password, string changedBy)
    {
        user = user with { StoreId = Blank(user.StoreId), Team = Blank(user.Team), AgentId = Blank(user.AgentId) };
        Validate(user);
        lock (writing)
        {
            var existing = Find(user.UserName);
            if (existing is null && string.IsNullOrEmpty(password))
            {
                throw new ArgumentException(Lang.T("新用户需要密码。", "A new user needs a password."));
            }

            using var connection = warehouse.OpenConnection();
            if (existing is { Role: Roles.Admin, IsActive: true } && (user.Role != Roles.Admin || !user.IsActive)
                && connection.ExecuteScalar<long>(
                    "select count(*) from app.user_account where role = 'admin' and is_active and user_name <> $UserName", new { user.UserName }) == 0)
            {
                throw new ArgumentException(Lang.T(
                    $"{user.UserName} 是最后一位启用的管理员，不能停用或改为其他角色：请先让另一位用户成为管理员。",
                    $"{user.UserName} is the last active admin and cannot be disabled or given another role: make another user an admin first."));
            }

            var hash = string.IsNullOrEmpty(password) ? null : Hash(user, password);
            var sameAccess = existing is not null && hash is null && existing.Role == user.Role && existing.IsActive == user.IsActive
                && existing.StoreId == user.StoreId && existing.Team == user.Team && existing.AgentId == user.AgentId;
            var stamp = sameAccess ? existing!.SecurityStamp ?? NewStamp() : NewStamp();
            connection.Execute(
                """
                insert into app.user_account (user_name, display_name, role, store_id, team, agent_id, password_hash, is_active, changed_by, security_stamp)
                values ($UserName, $DisplayName, $Role, $StoreId, $Team, $AgentId, coalesce($hash, ''), $IsActive, $changedBy, $stamp)
                on conflict (user_name) do update set
                    display_name = excluded.display_name, role = excluded.role, store_id = excluded.store_id, team = excluded.team,
                    agent_id = excluded.agent_id, is_active = excluded.is_active, changed_by = excluded.changed_by,
                    changed_at = current_localtimestamp(), security_stamp = excluded.security_stamp,
                    password_hash = coalesce($hash, app.user_account.password_hash)
                """,
                new { user.UserName, user.DisplayName, user.Role, user.StoreId, user.Team, user.AgentId, user.IsActive, hash, changedBy, stamp });
        }
    }

    public void SetPassword(string userName, string password, string changedBy)
    {
        var user = Find(userName) ?? throw new ArgumentException($"No user {userName}.");
        var hash = Hash(user, password);
        lock (writing)
        {
            using var connection = warehouse.OpenConnection();
            connection.Execute(
                """
                update app.user_account set password_hash = $hash, changed_by = $changedBy, changed_at = current_localtimestamp(), security_stamp = $stamp
                where user_name = $userName
                """,
                new { hash, changedBy, userName, stamp = NewStamp() });
        }
    }

    /// <summary>Ends every session of the user (sign-out): the cookies they hold no longer match the account.</summary>
    public void EndSessions(string userName)
    {
        lock (writing)
        {
            using var connection = warehouse.OpenConnection();
            connection.Execute("update app.user_account set security_stamp = $stamp where user_name = $userName", new { userName, stamp = NewStamp() });
        }
    }

    /// <summary>Whether a session of this user with this stamp is still good: the account exists, is active and has the stamp.</summary>
    public bool IsCurrent(string userName, string stamp)
    {
        using var connection = warehouse.OpenConnection();
        return connection.ExecuteScalar<long>(
            "select count(*) from app.user_account where user_name = $userName and is_active and security_stamp = $stamp",
            new { userName, stamp }) > 0;
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

        // Team names repeat across stores (售前一组 in each): without a store a supervisor would see every store's team.
        if (user.Role is Roles.Supervisor or Roles.Agent && string.IsNullOrWhiteSpace(user.StoreId))
        {
            throw new ArgumentException(Lang.T("主管和客服用户需要指定店铺。", "A supervisor or agent user needs a store."));
        }
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static readonly UserAccount Placeholder = new() { UserName = "", DisplayName = "", Role = Roles.Agent };
    private static readonly string PlaceholderHash = new PasswordHasher<UserAccount>().HashPassword(Placeholder, "placeholder-password");
}
