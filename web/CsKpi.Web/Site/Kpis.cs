using System.Globalization;
using System.Numerics;
using CsKpi.Warehouse.Metrics;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Web.Site;

/// <summary>
/// A period's numbers for a store, a team or one agent, as the period macros compute them (ratios of sums, never
/// means of daily ratios): the values of the registry's metrics the query read, by code, and which of them are
/// provisional. Metrics a level does not have (store-only ones for teams and agents) are empty; the agent's or
/// team's name only where a query lists several.
/// </summary>
public sealed record KpiTotals
{
    public string? AgentId { get; init; }
    public string? AgentName { get; init; }
    public string? Team { get; init; }
    public long ActiveDays { get; init; }
    public string Period { get; init; } = "";
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public IReadOnlyDictionary<string, double?> Values { get; init; } = new Dictionary<string, double?>();
    /// <summary>The codes of the metrics whose value may still change (延迟统计).</summary>
    public IReadOnlySet<string> Provisional { get; init; } = new HashSet<string>();

    public double? Value(string metric) => Values.GetValueOrDefault(metric);

    public bool IsProvisional(string metric) => Provisional.Contains(metric);

    /// <summary>A row of a period macro: its registry metrics by code, each metric's provisional flag by its column.</summary>
    public static KpiTotals From(IDictionary<string, object?> row, MetricRegistry registry)
    {
        object? Column(string name) => row.TryGetValue(name, out var value) ? value : null;
        var metrics = registry.All.Where(m => row.ContainsKey(m.Code)).ToList();
        return new KpiTotals
        {
            AgentId = Column("agent_id") as string,
            AgentName = Column("agent_name") as string,
            Team = Column("team") as string,
            ActiveDays = (long)(Number(Column("active_days")) ?? 0),
            Period = Column("period") as string ?? "",
            PeriodStart = Day(Column("period_start")),
            PeriodEnd = Day(Column("period_end")),
            Values = metrics.ToDictionary(m => m.Code, m => Number(row[m.Code]), StringComparer.Ordinal),
            Provisional = metrics.Where(m => m.Provisional is { } flag && Column(flag) is true).Select(m => m.Code).ToHashSet(StringComparer.Ordinal),
        };
    }

    private static double? Number(object? value) => value switch
    {
        null or DBNull => null,
        BigInteger big => (double)big,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static DateOnly Day(object? value) => value switch
    {
        DateOnly day => day,
        DateTime time => DateOnly.FromDateTime(time),
        _ => default,
    };
}

/// <summary>The KPI tiles' input: a period, the one before, and when the period's provisional numbers become final.</summary>
public sealed record KpiComparison(KpiTotals? Now, KpiTotals? Before, DateOnly MaturesOn)
{
    /// <summary>Each metric's target for the period, where one applies (the dashboard's; empty elsewhere).</summary>
    public IReadOnlyDictionary<string, KpiTarget> Targets { get; init; } = new Dictionary<string, KpiTarget>();

    /// <summary>Each metric's values day by day over the period, for the tile's trend line.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double?>> Trends { get; init; } = new Dictionary<string, IReadOnlyList<double?>>();

    /// <summary>The metric shown first and large above the tiles, so left out of them.</summary>
    public string? Lead { get; init; }
}

/// <summary>A metric's target over a period: the store's standard (app.kpi_standard) or the scorecard's target.</summary>
/// <param name="Source"><c>standard</c> or <c>scorecard</c>.</param>
public sealed record KpiTarget(double Value, string Source);

public static class Kpis
{
    /// <summary>The period macro columns of these metrics, with the flags that mark them provisional.</summary>
    public static string Columns(MetricRegistry registry, IEnumerable<string> codes)
    {
        var metrics = codes.Select(code => registry[code]).ToList();
        return string.Join(", ", metrics.Select(m => m.Code).Concat(metrics.Select(m => m.Provisional).OfType<string>().Distinct()));
    }

    /// <summary>The rows of a query over a period macro, read as <see cref="KpiTotals"/>.</summary>
    public static IReadOnlyList<KpiTotals> Read(DuckDBConnection db, MetricRegistry registry, string sql, object parameters) =>
        db.Query(sql, parameters).Select(row => KpiTotals.From((IDictionary<string, object?>)row, registry)).ToList();

    /// <summary>One row per period of <paramref name="grain"/> within [from, to], for the scope's level: every metric the pages show at it.</summary>
    public static IReadOnlyList<KpiTotals> Query(DuckDBConnection db, MetricRegistry registry, Scope scope, string grain, DateOnly from, DateOnly to, string? agent = null)
    {
        agent ??= scope.Agent;
        var level = agent is not null ? "agent" : scope.Team is not null ? "team" : "store";
        var columns = "period, period_start, period_end, " + Columns(registry, registry.At(level).Where(m => m.Shown).Select(m => m.Code));
        var sql = level switch
        {
            // only_agent: the one agent's daily rows alone are read, not the store's
            "agent" => $"select {columns} from marts.kpi_agent_period($grain, $from, $to, only_agent := $agentId) where store_id = $store and agent_id = $agentId",
            "team" => $"select {columns} from marts.kpi_team_period($grain, $from, $to) where store_id = $store and team = $team",
            _ => $"select {columns} from marts.kpi_store_period($grain, $from, $to) where store_id = $store",
        };
        return Read(db, registry, sql + " order by period_start", scope.Parameters(new { grain, from, to, agentId = agent }));
    }

    /// <summary>The whole of [from, to] as one row; null when nothing was recorded.</summary>
    public static KpiTotals? Totals(DuckDBConnection db, MetricRegistry registry, Scope scope, DateOnly from, DateOnly to, string? agent = null) =>
        Query(db, registry, scope, "range", from, to, agent).SingleOrDefault();
}
