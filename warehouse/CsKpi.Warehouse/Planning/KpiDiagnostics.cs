using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;

namespace CsKpi.Warehouse.Planning;

/// <summary>A course that addresses a weak KPI (app.kpi_course_category → core.dim_course).</summary>
public sealed record CourseLink(
    [property: JsonPropertyName("course_id")] string CourseId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("hours")] double? Hours);

/// <summary>One KPI of an agent or team over the period against the store's standard value.</summary>
/// <param name="Value">the period's value (ratios of sums); null when the period has nothing to measure it by.</param>
/// <param name="Standard">the standard, scaled to the period's length for sums.</param>
/// <param name="StandardSource"><c>standard</c> (app.kpi_standard) or <c>scorecard</c> (its target).</param>
/// <param name="IsBelowStandard">under the standard when higher is better, over it when lower is better.</param>
public sealed record KpiFinding(
    string Metric, double? Value, double Standard, string Direction, string StandardSource, bool IsBelowStandard,
    string? Causes, string? Remedies, IReadOnlyList<CourseLink> Courses);

/// <summary>The diagnosis of one agent or team (对症下药).</summary>
/// <param name="Scope"><c>agent</c> or <c>team</c>.</param>
/// <param name="Role">the agent's role on the period's last day (core.dim_agent.role), whose card's targets are the
/// standards where the store has none of its own; null for a team (held to the presale card).</param>
/// <param name="RoleHasCard">false when the agent's role has no card in the scorecard version in force: the findings
/// are the store's own standards only, no other role's card is borrowed.</param>
public sealed record KpiDiagnosis(
    string Scope, string StoreId, string Team, string? AgentId, string? AgentName, DateOnly From, DateOnly To,
    IReadOnlyList<KpiFinding> Findings, string? Role = null, bool RoleHasCard = true)
{
    /// <summary>The KPIs below standard: what the page lists with causes, remedies and courses.</summary>
    public IReadOnlyList<KpiFinding> Weak => Findings.Where(f => f.IsBelowStandard).ToList();
}

/// <summary>
/// Every KPI with a standard value (app.kpi_standard, else the scorecard target) of an agent or team over a period,
/// through <c>marts.kpi_diagnosis</c>: the standards, mapping and remedies in force on the period's last day.
/// </summary>
public static class KpiDiagnostics
{
    /// <summary>The languages app.kpi_remedy is written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "en"];

    public static KpiDiagnosis ForAgent(WarehouseDatabase warehouse, string agentId, DateOnly from, DateOnly to, string language = "zh-CN") =>
        // only_agent: the macro computes this agent's metrics alone, not every agent's and team's to keep one
        Diagnose(warehouse, "agent", "agent_id = $agentId", new { agentId, onlyAgent = agentId }, from, to, language, $"agent {agentId}", (agentId, null, null));

    public static KpiDiagnosis ForTeam(WarehouseDatabase warehouse, string storeId, string team, DateOnly from, DateOnly to, string language = "zh-CN") =>
        Diagnose(warehouse, "team", "store_id = $storeId and team = $team", new { storeId, team, onlyAgent = (string?)null }, from, to, language, $"team {team} of {storeId}", (null, team, storeId));

    private static KpiDiagnosis Diagnose(WarehouseDatabase warehouse, string scope, string subject, object filter,
        DateOnly from, DateOnly to, string language, string who, (string? Agent, string? Team, string? Store) whom)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        if (!Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new ArgumentException($"language '{language}' has no remedies; use one of {string.Join(", ", Languages)}", nameof(language));
        }

        if (from > to)
        {
            throw new ArgumentException($"the period starts {from:yyyy-MM-dd}, after it ends {to:yyyy-MM-dd}");
        }

        var parameters = new DynamicParameters(filter);
        parameters.Add("from", StaffingPlanner.Day(from));
        parameters.Add("to", StaffingPlanner.Day(to));
        parameters.Add("language", language);
        parameters.Add("scope", scope);
        using var connection = warehouse.OpenConnection();
        var rows = connection.Query<FindingRow>($"""
            select store_id as StoreId, team as Team, agent_id as AgentId, agent_name as AgentName, metric as Metric,
                   value as Value, standard_value as Standard, direction as Direction, standard_source as StandardSource,
                   coalesce(is_below_standard, false) as IsBelowStandard, causes as Causes, remedies as Remedies,
                   to_json(courses)::varchar as Courses, role as Role, role_has_card as RoleHasCard
            from marts.kpi_diagnosis($from, $to, $language, only_agent := $onlyAgent)
            where scope = $scope and {subject}
            order by is_below_standard desc, metric
            """, parameters).ToList();
        if (rows.Count == 0 && whom.Agent is { } agent && RoleWithoutCard(connection, agent, to) is { } role)
        {
            throw new PlanningException(
                $"agent {agent}'s role {role} has no scorecard in force on {to:yyyy-MM-dd} and the store sets no standard of its own, "
                + "so there is nothing to hold the KPIs to; add the role's card (cskpi scorecard) or standards (app.kpi_standard)",
                "no_card_for_role")
            {
                Subject = scope, Agent = agent, Role = role, From = from, To = to,
            };
        }

        if (rows.Count == 0)
        {
            throw new PlanningException($"no KPIs of {who} between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}; choose a period it worked in", "no_kpis")
            {
                Subject = scope, Agent = whom.Agent, Team = whom.Team, Store = whom.Store, From = from, To = to,
            };
        }

        var first = rows[0];
        var findings = rows
            .Select(r => new KpiFinding(r.Metric, r.Value, r.Standard, r.Direction, r.StandardSource, r.IsBelowStandard,
                r.Causes, r.Remedies, JsonSerializer.Deserialize<List<CourseLink>>(r.Courses) ?? []))
            .ToList();
        return new KpiDiagnosis(scope, first.StoreId, first.Team, first.AgentId, first.AgentName, from, to, findings, first.Role,
            first.RoleHasCard);
    }

    /// <summary>The agent's role on the day when it has no card in the scorecard version in force (as marts.kpi_diagnosis
    /// takes it: an agent of both roles without a card of its own has the presale one); null when it has one or the
    /// roster does not know the agent.</summary>
    private static string? RoleWithoutCard(DuckDB.NET.Data.DuckDBConnection connection, string agentId, DateOnly day) =>
        connection.QuerySingleOrDefault<string?>(
            """
            select a.role
            from (
                select store_id, role from core.dim_agent
                where agent_id = $agentId and valid_from <= $day::date
                order by valid_from desc limit 1
            ) as a
            where a.role <> 'both'
              and not exists (select 1 from app.scorecards_in_force(a.store_id, $day::date) as c where c.role = a.role)
            """, new { agentId, day = StaffingPlanner.Day(day) });

    internal sealed record FindingRow(
        string StoreId, string Team, string? AgentId, string? AgentName, string Metric, double? Value, double Standard,
        string Direction, string StandardSource, bool IsBelowStandard, string? Causes, string? Remedies, string Courses,
        string? Role, bool RoleHasCard);
}
