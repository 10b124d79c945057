using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Agents;

/// <summary>客服: every agent the viewer may see with the main KPIs of the period (a supervisor their team, an agent themselves).</summary>
public sealed class IndexModel(DuckDBConnection db) : SitePage(db)
{
    /// <summary>The metric columns (the registry's <c>agent_list</c> list).</summary>
    public IReadOnlyList<string> Shown => Metrics.On("agent_list");

    /// <summary>The page's rows: one page of the list (<see cref="SitePage.Pager"/>); the download has them all.</summary>
    public IReadOnlyList<KpiTotals> Agents { get; private set; } = [];

    /// <summary>Whether any value of the whole list, not only this page's, is provisional.</summary>
    public bool AnyProvisional { get; private set; }

    public void OnGet()
    {
        Load();
        AnyProvisional = Agents.Any(a => Shown.Any(a.IsProvisional));
        Agents = Paged(Agents);
    }

    public IActionResult OnGetExport(string? format)
    {
        Load();
        return Download(new ExportTable($"cskpi-agents-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}",
            [Lang.T("客服账号", "Agent id"), Lang.T("客服", "Agent"), Lang.T("小组", "Team"), Lang.T("出勤天数", "Active days"), .. Shown.Select(Metrics.Name), Lang.T("延迟统计", "Provisional")],
            Agents.Select(a => (object?[])[a.AgentId, a.AgentName, a.Team, a.ActiveDays, .. Shown.Select(m => (object?)a.Value(m)), Shown.Any(a.IsProvisional)]).ToList()),
            format);
    }

    private void Load() => Agents = Cached($"agents|{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}", () => Kpis.Read(Db, Metrics.Registry, $"""
        select agent_id, agent_name, team, active_days, {Kpis.Columns(Metrics.Registry, Shown)}
        from marts.kpi_agent_period('range', $from, $to)
        where {Scope.Where()}
        order by team, sales_amount desc, agent_id
        """, Scope.Parameters(new { from = Period.From, to = Period.DataTo })));
}
