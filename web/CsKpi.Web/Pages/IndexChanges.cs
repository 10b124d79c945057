using CsKpi.Warehouse;
using CsKpi.Warehouse.Metrics;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Site;
using DuckDB.NET.Data;

namespace CsKpi.Web.Pages;

/// <summary>
/// A headline KPI that moved from one day to the next, who moved it most (the team in a store's view, the agent in a
/// team's), and why: the planning engine's diagnosis (KpiDiagnostics) of that team or agent on the day — its value
/// against the standard, with the causes and remedies in the viewer's language — when it is below the standard.
/// </summary>
/// <param name="Who">the team or agent that moved most in the same direction (null in an agent's own view).</param>
public sealed record KpiChange(string Metric, double Before, double After, bool Better, string? Who, double? WhoBefore, double? WhoAfter, KpiFinding? Finding);

/// <summary>What changed since yesterday on the dashboard: the newest day with numbers against the day before.</summary>
public static class DayChanges
{
    /// <summary>At most this many changes, the largest first: a manager reads the few that matter.</summary>
    public const int Shown = 4;

    /// <summary>
    /// A change worth saying: 3 percentage points for a rate, 10 % of the value for anything else. Smaller moves are
    /// the day-to-day noise of a few dozen buyers.
    /// </summary>
    public const double RatePoints = 0.03;
    public const double Relative = 0.10;

    public static IReadOnlyList<KpiChange> Between(DuckDBConnection db, WarehouseDatabase warehouse, SiteMetrics metrics,
        Scope scope, DateOnly dayBefore, DateOnly day, string language)
    {
        var registry = metrics.Registry;
        var days = Kpis.Query(db, registry, scope, "day", dayBefore, day);
        var before = days.SingleOrDefault(d => d.PeriodStart == dayBefore);
        var after = days.SingleOrDefault(d => d.PeriodStart == day);
        if (before is null || after is null)
        {
            return [];
        }

        var moved = metrics.On("headline")
            .Where(m => before.Value(m) is not null && after.Value(m) is not null && before.IsProvisional(m) == after.IsProvisional(m))
            .Select(m => (Metric: m, Size: Size(metrics, m, before.Value(m)!.Value, after.Value(m)!.Value)))
            .Where(m => m.Size >= 1)
            .OrderByDescending(m => m.Size).Take(Shown).Select(m => m.Metric).ToList();
        if (moved.Count == 0)
        {
            return [];
        }

        var subjects = Subjects(db, registry, scope, dayBefore, day);
        // A team's diagnosis computes every agent's and team's KPIs: asked once per team (or agent), not once per metric it moved.
        var diagnoses = new Dictionary<string, KpiDiagnosis?>(StringComparer.Ordinal);
        return moved.Select(metric =>
        {
            var (was, now) = (before.Value(metric)!.Value, after.Value(metric)!.Value);
            var better = (now > was) != metrics.LowerIsBetter(metric);
            // who moved the same way as the whole, the most
            var who = subjects
                .Select(s => (s.Key, s.Name, Was: s.Before?.Value(metric), Now: s.After?.Value(metric)))
                .Where(s => s.Was is not null && s.Now is not null && Math.Sign(s.Now.Value - s.Was.Value) == Math.Sign(now - was))
                .OrderByDescending(s => Math.Abs(s.Now!.Value - s.Was!.Value))
                .FirstOrDefault();
            var key = who.Key ?? "";
            if (!better && !diagnoses.ContainsKey(key))
            {
                diagnoses[key] = Diagnose(warehouse, scope, who.Key, day, language);
            }

            var finding = better ? null : diagnoses[key]?.Findings
                .FirstOrDefault(f => f.Metric == metric && f.IsBelowStandard);
            return new KpiChange(metric, was, now, better, who.Name, who.Was, who.Now, finding);
        }).ToList();
    }

    /// <summary>How big a move is in units of "worth saying": ≥ 1 is shown.</summary>
    public static double Size(SiteMetrics metrics, string metric, double before, double after) =>
        metrics.IsPercent(metric)
            ? Math.Abs(after - before) / RatePoints
            : before == 0 ? (after == 0 ? 0 : double.PositiveInfinity) : Math.Abs(after - before) / Math.Abs(before) / Relative;

    private sealed record Subject(string Key, string Name, KpiTotals? Before, KpiTotals? After);

    /// <summary>The teams of the store (a store's view) or the agents of the team (a team's view), both days.</summary>
    private static IReadOnlyList<Subject> Subjects(DuckDBConnection db, MetricRegistry registry, Scope scope, DateOnly dayBefore, DateOnly day)
    {
        if (scope.IsAgentView)
        {
            return [];
        }

        var level = scope.Team is null ? "team" : "agent";
        var columns = "team, period, period_start, period_end, " + Kpis.Columns(registry, registry.At(level).Where(m => m.Shown).Select(m => m.Code));
        var sql = level == "team"
            ? $"select {columns} from marts.kpi_team_period('day', $from, $to) where store_id = $store"
            : $"select agent_id, agent_name, {columns} from marts.kpi_agent_period('day', $from, $to) where store_id = $store and team = $team";
        var rows = Kpis.Read(db, registry, sql, scope.Parameters(new { from = dayBefore, to = day }));
        return rows.GroupBy(r => level == "team" ? r.Team ?? "" : r.AgentId ?? "")
            .Select(g => new Subject(g.Key, level == "team" ? g.Key : g.First().AgentName ?? g.Key,
                g.FirstOrDefault(r => r.PeriodStart == dayBefore), g.FirstOrDefault(r => r.PeriodStart == day)))
            .ToList();
    }

    /// <summary>The diagnosis of the day for whoever moved it: the agent in their own view, else the team or agent found.</summary>
    private static KpiDiagnosis? Diagnose(WarehouseDatabase warehouse, Scope scope, string? who, DateOnly day, string language)
    {
        try
        {
            if (scope.Agent is { } agent)
            {
                return KpiDiagnostics.ForAgent(warehouse, agent, day, day, language);
            }

            if (who is null)
            {
                return null;
            }

            return scope.Team is null
                ? scope.Store is { } store ? KpiDiagnostics.ForTeam(warehouse, store, who, day, day, language) : null
                : KpiDiagnostics.ForAgent(warehouse, who, day, day, language);
        }
        catch (PlanningException)
        {
            // nothing measured for them that day: the change stands without a diagnosis
            return null;
        }
    }
}
