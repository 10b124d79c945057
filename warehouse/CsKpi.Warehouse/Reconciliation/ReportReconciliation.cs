using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Reconciliation;

/// <summary>
/// One row of <c>marts.report_reconciliation</c>: a CS tool's figure for an agent, a period (a day, or the report's
/// range) and a metric, beside CsKpi's own over the same days.
/// </summary>
public sealed record ReconciliationRow
{
    public string StoreId { get; init; } = "";
    public string Team { get; init; } = "";
    public string AgentId { get; init; } = "";
    public string AgentName { get; init; } = "";
    public string AgentNick { get; init; } = "";
    public DateOnly PeriodFrom { get; init; }
    public DateOnly PeriodTo { get; init; }

    /// <summary>Days the report row covers, and of them the days the store has chats (CsKpi's numbers).</summary>
    public long Days { get; init; }
    public long ChatDays { get; init; }
    public string Metric { get; init; } = "";

    /// <summary>The registry's format: count, percent, seconds, money or ratio.</summary>
    public string Format { get; init; } = "";
    public double? ReportValue { get; init; }
    public double? CskpiValue { get; init; }

    /// <summary>CsKpi − report, in the metric's unit (a rate's as a fraction).</summary>
    public double? Difference { get; init; }

    /// <summary>Difference ÷ |report| for counts, money, seconds and ratios; empty for rates and a report of 0.</summary>
    public double? RelativeDifference { get; init; }

    /// <summary>How far apart the two may be for this row (marts.report_tolerance), in the metric's unit.</summary>
    public double Tolerance { get; init; }

    /// <summary>Empty when either side is empty.</summary>
    public bool? WithinTolerance { get; init; }
    public long FileId { get; init; }
    public long Line { get; init; }

    public bool IsDay => PeriodFrom == PeriodTo;
}

/// <summary>Per metric: how many report rows (agent-days, or agent-ranges) were compared and how many agree.</summary>
public sealed record ReconciliationTotal
{
    public string Metric { get; init; } = "";
    public string Format { get; init; } = "";
    public long Rows { get; init; }
    public long Compared { get; init; }
    public long Agree { get; init; }
    public long Outside { get; init; }

    /// <summary>Agree ÷ compared; empty when nothing could be compared.</summary>
    public double? AgreeShare => Compared == 0 ? null : (double)Agree / Compared;
}

/// <summary>A format's tolerance: |CsKpi − report| ≤ greatest(relative × |report|, absolute).</summary>
public sealed record ReconciliationTolerance
{
    public string Format { get; init; } = "";
    public double? Relative { get; init; }
    public double? Absolute { get; init; }
}

/// <summary>Which rows: a store and the days the report rows must lie within; the rest narrows.</summary>
/// <param name="Team">null for every team.</param>
/// <param name="Agent">null for every agent.</param>
/// <param name="Metric">null for every metric.</param>
/// <param name="OnlyOutside">only rows outside the tolerance (the totals count every row all the same).</param>
public sealed record ReconciliationFilter(string? Store, DateOnly From, DateOnly To, string? Team = null, string? Agent = null,
    string? Metric = null, bool OnlyOutside = false);

/// <summary>
/// Reads the reconciliation (<c>marts.report_reconciliation</c>) for the site's page and <c>cskpi reconcile</c>, so
/// both show the same rows, totals and tolerances.
/// </summary>
public static class ReportReconciliation
{
    private const string Where = """
        store_id = $store and ($team is null or team = $team) and ($agent is null or agent_id = $agent)
        and ($metric is null or metric = $metric)
        """;

    public static IReadOnlyList<ReconciliationRow> Rows(DuckDBConnection connection, ReconciliationFilter filter)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        return connection.Query<ReconciliationRow>($"""
            select * from marts.report_reconciliation($from, $to)
            where {Where} and (not $onlyOutside or within_tolerance = false)
            """, Parameters(filter)).ToList();
    }

    /// <summary>Per metric in registry order: rows, rows with both sides (compared), agreeing and outside.</summary>
    public static IReadOnlyList<ReconciliationTotal> Totals(DuckDBConnection connection, ReconciliationFilter filter)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        return connection.Query<ReconciliationTotal>($"""
            select metric, any_value(format) as format, count(*) as rows, count(within_tolerance) as compared,
                   count(*) filter (where within_tolerance) as agree, count(*) filter (where not within_tolerance) as outside
            from marts.report_reconciliation($from, $to)
            where {Where}
            group by metric
            order by any_value(metric_position)
            """, Parameters(filter)).ToList();
    }

    public static IReadOnlyList<ReconciliationTolerance> Tolerances(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Query<ReconciliationTolerance>("select format, relative, absolute from marts.report_tolerance()").ToList();
    }

    /// <summary>The metrics the store's reports carry that CsKpi computes, in registry order: the page's choice.</summary>
    public static IReadOnlyList<string> Metrics(DuckDBConnection connection, ReconciliationFilter filter)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        return connection.Query<string>("""
            select metric from marts.report_reconciliation($from, $to)
            where store_id = $store group by metric order by any_value(metric_position)
            """, Parameters(filter)).ToList();
    }

    /// <summary>The agents with rows to reconcile in the store and team (whatever the agent and metric chosen): the page's choice.</summary>
    public static IReadOnlyList<(string AgentId, string AgentName)> Agents(DuckDBConnection connection, ReconciliationFilter filter)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        return connection.Query<(string, string)>("""
            select agent_id, any_value(agent_name) from marts.report_reconciliation($from, $to)
            where store_id = $store and ($team is null or team = $team) and ($agent is null or agent_id = $agent)
            group by agent_id order by agent_id
            """, Parameters(filter with { Metric = null })).ToList();
    }

    /// <summary>The warehouse's stores (core.dim_store), to tell a mistyped store from one with nothing to reconcile.</summary>
    public static IReadOnlyList<string> Stores(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Query<string>("select store_id from core.dim_store order by store_id").ToList();
    }

    private static DynamicParameters Parameters(ReconciliationFilter filter)
    {
        var parameters = new DynamicParameters();
        parameters.Add("store", filter.Store);
        parameters.Add("from", filter.From);
        parameters.Add("to", filter.To);
        parameters.Add("team", filter.Team);
        parameters.Add("agent", filter.Agent);
        parameters.Add("metric", filter.Metric);
        parameters.Add("onlyOutside", filter.OnlyOutside);
        return parameters;
    }
}
