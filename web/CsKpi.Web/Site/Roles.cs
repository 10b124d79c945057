using System.Security.Claims;

namespace CsKpi.Web.Site;

/// <summary>The roles of interfaces.md and the authorization policies the pages name.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Hr = "hr";
    public const string Analyst = "analyst";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Admin, Hr, Analyst, Supervisor, Agent];
}

/// <summary>Policy names, so pages (and the lead's /sql and /hangfire) ask for a policy rather than list roles.</summary>
public static class Policies
{
    /// <summary>admin only: users, ETL, scorecard edits, the Hangfire dashboard.</summary>
    public const string Admin = "admin";

    /// <summary>admin, hr, analyst, supervisor: the pages interfaces.md marks "supervisor+".</summary>
    public const string SupervisorOrAbove = "supervisor+";

    /// <summary>supervisor+ and agents (who see themselves only): the agents pages.</summary>
    public const string AgentsPages = "agents-pages";

    /// <summary>admin, hr, supervisor (own team) and agents (their own, read-only): the chat reviews.</summary>
    public const string Reviews = "reviews";

    /// <summary>analyst and admin: the SQL page, and the firm-wide page (every store of every shard, from the lake).</summary>
    public const string Analyst = "analyst";

    /// <summary>hr, supervisor (their team) and admin: the training page.</summary>
    public const string Training = "training";

    /// <summary>hr and admin: the promotions page (the review, decisions, manual changes, the audit log, the bonus).</summary>
    public const string Hr = "hr";

    /// <summary>Whether a role may open the training page (the navigation asks; the policy decides).</summary>
    public static bool MayTrain(string role) => role is Roles.Admin or Roles.Hr or Roles.Supervisor;

    /// <summary>Whether a role may open the promotions page.</summary>
    public static bool MayPromote(string role) => role is Roles.Admin or Roles.Hr;
}

/// <summary>The claims a signed-in user carries beyond name and role.</summary>
public static class SiteClaims
{
    public const string Store = "cskpi:store";
    public const string Team = "cskpi:team";
    public const string AgentId = "cskpi:agent";
    public const string DisplayName = "cskpi:display";

    /// <summary>The account's security stamp when the session began; a session whose stamp is no longer the account's has ended.</summary>
    public const string Stamp = "cskpi:stamp";
}

/// <summary>
/// Who is looking, and therefore which rows they may see: a supervisor their team in their store, an agent
/// themselves, everyone else everything. Every page, chart and download filters through this.
/// </summary>
public sealed record Viewer(string UserName, string DisplayName, string Role, string? Store, string? Team, string? AgentId)
{
    public static Viewer From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindFirstValue(SiteClaims.DisplayName) ?? user.Identity?.Name ?? "",
        user.FindFirstValue(ClaimTypes.Role) ?? "",
        Blank(user.FindFirstValue(SiteClaims.Store)),
        Blank(user.FindFirstValue(SiteClaims.Team)),
        Blank(user.FindFirstValue(SiteClaims.AgentId)));

    public bool IsAdmin => Role == Roles.Admin;
    public bool IsAgent => Role == Roles.Agent;
    public bool IsSupervisor => Role == Roles.Supervisor;

    /// <summary>Who may score a sampled conversation: admin, hr, and a supervisor (their team's).</summary>
    public bool MayReview => Role is Roles.Admin or Roles.Hr or Roles.Supervisor;

    /// <summary>The team every query of this viewer is held to (supervisors), else null.</summary>
    public string? ForcedTeam => IsSupervisor ? Team : null;

    /// <summary>
    /// The store every query is held to (supervisors and agents), else null. A supervisor or agent without a store (a
    /// row older than the rule that they need one) is held to no store, so sees nothing rather than every store.
    /// </summary>
    public string? ForcedStore => IsSupervisor || IsAgent ? Store ?? "" : null;

    /// <summary>The agent every query is held to (agents), else null.</summary>
    public string? ForcedAgent => IsAgent ? AgentId : null;

    /// <summary>Whether this viewer may see an agent whose current team and store are given.</summary>
    public bool MaySee(string agentId, string store, string team) => Role switch
    {
        Roles.Agent => string.Equals(agentId, AgentId, StringComparison.Ordinal),
        Roles.Supervisor => string.Equals(team, Team, StringComparison.Ordinal) && string.Equals(store, Store, StringComparison.Ordinal),
        _ => true,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
