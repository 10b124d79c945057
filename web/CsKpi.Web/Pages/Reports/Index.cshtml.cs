using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Reports;

/// <summary>
/// 报表: the daily, weekly, monthly, quarterly or yearly report — the period's KPIs against the previous one, each
/// team, the agents, and the trend charts — laid out to print (the print stylesheet drops the navigation).
/// </summary>
public sealed class IndexModel(DuckDBConnection db) : SitePage(db)
{
    /// <summary>The columns of the team and agent tables (the registry's <c>report_table</c> list).</summary>
    public IReadOnlyList<string> Shown => Metrics.On("report_table");

    public KpiTotals? Now { get; private set; }
    public KpiTotals? Before { get; private set; }
    public IReadOnlyList<KpiTotals> Teams { get; private set; } = [];
    public IReadOnlyList<KpiTotals> AgentRows { get; private set; } = [];

    public string Title => Period.Grain switch
    {
        "day" => Lang.T("客服日报", "Daily report"),
        "week" => Lang.T("客服周报", "Weekly report"),
        "month" => Lang.T("客服月报", "Monthly report"),
        "quarter" => Lang.T("客服季报", "Quarterly report"),
        "half" => Lang.T("客服半年报", "Half-year report"),
        "year" => Lang.T("客服年报", "Yearly report"),
        _ => Lang.T("客服报表", "Report"),
    };

    public void OnGet()
    {
        Load();
        AgentRows = Paged(AgentRows);
    }

    public IActionResult OnGetExport(string? format)
    {
        Load();
        var rows = Metrics.On("headline").Where(m => Now?.Value(m) is not null)
            .Select(m => new object?[] { Lang.T("全部", "All"), Metrics.Name(m), Now?.Value(m), Before?.Value(m) })
            .Concat(Teams.Concat(AgentRows).SelectMany(t => Shown.Select(m => new object?[] { t.AgentId ?? t.Team, Metrics.Name(m), t.Value(m), null })))
            .ToList();
        return Download(new ExportTable($"cskpi-report-{Period.Grain}-{Period.Iso(Period.From)}",
            [Lang.T("对象", "Of"), Lang.T("指标", "Metric"), Lang.T("本期", "This period"), Lang.T("上期", "Previous period")], rows), format);
    }

    private void Load()
    {
        Now = KpiTotalsOf(Period.From, Period.DataTo);
        var previous = Period.Previous();
        Before = KpiTotalsOf(previous.From, previous.To);
        var parameters = Scope.Parameters(new { from = Period.From, to = Period.DataTo });
        var columns = Kpis.Columns(Metrics.Registry, Shown);
        var range = $"{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}";
        Teams = Cached("report-teams|" + range, () => Kpis.Read(Db, Metrics.Registry, $"""
            select team, {columns}
            from marts.kpi_team_period('range', $from, $to)
            where store_id = $store and ($team is null or team = $team)
            order by sales_amount desc
            """, parameters));
        AgentRows = Cached("report-agents|" + range, () => Kpis.Read(Db, Metrics.Registry, $"""
            select agent_name, agent_id, team, {columns}
            from marts.kpi_agent_period('range', $from, $to)
            where {Scope.Where()}
            order by sales_amount desc, agent_id
            """, parameters));
    }
}
