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
public sealed record KpiDiagnosis(
    string Scope, string StoreId, string Team, string? AgentId, string? AgentName, DateOnly From, DateOnly To,
    IReadOnlyList<KpiFinding> Findings)
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
                   to_json(courses)::varchar as Courses
            from marts.kpi_diagnosis($from, $to, $language, only_agent := $onlyAgent)
            where scope = $scope and {subject}
            order by is_below_standard desc, metric
            """, parameters).ToList();
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
        return new KpiDiagnosis(scope, first.StoreId, first.Team, first.AgentId, first.AgentName, from, to, findings);
    }

    internal sealed record FindingRow(
        string StoreId, string Team, string? AgentId, string? AgentName, string Metric, double? Value, double Standard,
        string Direction, string StandardSource, bool IsBelowStandard, string? Causes, string? Remedies, string Courses);
}
