using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Web.Site;

/// <summary>
/// The rows a page may show: the store and team filters the viewer chose, overridden by what the viewer's role
/// allows (a supervisor's team, an agent's own id). <see cref="Where"/> is the same filter for every query over
/// rows that carry store_id, team and agent_id, so no page re-derives access on its own.
/// </summary>
public sealed record Scope(string? Store, string? Team, string? Agent, IReadOnlyList<string> Stores, IReadOnlyList<string> Teams)
{
    public static Scope Resolve(DuckDBConnection connection, Viewer viewer, string? store, string? team)
    {
        var stores = connection.Query<string>("select store_id from core.dim_store order by store_id").ToList();
        store = viewer.ForcedStore ?? (store is not null && stores.Contains(store) ? store : stores.FirstOrDefault());
        var teams = connection.Query<string>(
            "select distinct team from core.dim_agent where is_current and is_registered and store_id = $store order by team",
            new { store }).Order(NaturalOrder.Instance).ToList();
        if (viewer.ForcedTeam is { } forced)
        {
            teams = [forced];
            team = forced;
        }
        else if (team is not null && !teams.Contains(team))
        {
            team = null;
        }

        if (viewer.IsAgent)
        {
            teams = [];
            team = null;
        }

        return new Scope(store, team, viewer.ForcedAgent, stores, teams);
    }

    /// <summary>"Nothing is visible": an agent user whose agent_id is missing sees nothing, never everything.</summary>
    public bool IsAgentView => Agent is not null;

    /// <summary>A filter on rows with store_id, team and agent_id columns (aliased by <paramref name="alias"/>).</summary>
    public string Where(string alias = "") =>
        $"{alias}store_id = $store and ($team is null or {alias}team = $team) and ($agent is null or {alias}agent_id = $agent)";

    public object Parameters(object? more = null)
    {
        var parameters = new DynamicParameters(more);
        parameters.Add("store", Store);
        parameters.Add("team", Team);
        parameters.Add("agent", Agent);
        return parameters;
    }

    /// <summary>Query-string values of the filters, for links that keep them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query() => [new("store", Store), new("team", Team)];
}
