using CsKpi.Warehouse;
using CsKpi.Web.Charts;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages;

/// <summary>
/// 总览: the store's (a supervisor's team's, an agent's own) sales first and large, then what changed since
/// yesterday and why, the KPIs for the period against the previous one, each with its target and its daily trend,
/// the trend charts, the best and weakest agents and the inquiries per hour of the day.
/// </summary>
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    public const int Listed = 5;

    /// <summary>The number a CS manager is judged by, shown first and large: the sales credited to the agents.</summary>
    public const string LeadMetric = "sales_amount";

    /// <summary>The tiles' input: the period, the previous one, targets, daily trends and the lead metric.</summary>
    public KpiComparison? Tiles { get; private set; }

    /// <summary>The headline KPIs that moved from the day before the last day with numbers to that day, and why.</summary>
    public IReadOnlyList<KpiChange> Changes { get; private set; } = [];

    public KpiTotals? Now { get; private set; }
    public KpiTotals? Before { get; private set; }
    public IReadOnlyList<RankedAgent> Top { get; private set; } = [];
    public IReadOnlyList<RankedAgent> Bottom { get; private set; } = [];
    public string RankMetric { get; private set; } = "";

    /// <summary>The ranking links (the registry's <c>ranking</c> list); the first is ranked when none is chosen.</summary>
    public IReadOnlyList<string> RankMetrics => Metrics.On("ranking");

    public sealed record RankedAgent
    {
        public string AgentId { get; init; } = "";
        public string AgentName { get; init; } = "";
        public string Team { get; init; } = "";
        public double? Value { get; init; }
        public long Rank { get; init; }
        public long InquiryBuyers { get; init; }
    }

    public sealed record HourRow(int Hour, long Inquiries);

    public override IEnumerable<KeyValuePair<string, string?>> Keep => [new("rank", RankMetric == Metrics.DefaultRanking ? null : RankMetric)];

    public void OnGet(string? rank)
    {
        Load(rank);
    }

    public IActionResult OnGetExport(string? format, string? rank)
    {
        Load(rank);
        var rows = Metrics.On("headline").Where(m => Now?.Value(m) is not null || Before?.Value(m) is not null)
            .Select(m => new object?[] { Metrics.Name(m), m, Now?.Value(m), Before?.Value(m), Now?.IsProvisional(m) == true })
            .ToList();
        return Download(new ExportTable($"cskpi-overview-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}",
            [T("指标", "Metric"), "code", T("本期", "This period"), T("上期", "Previous period"), T("延迟统计", "Provisional")], rows), format);
    }

    public IActionResult OnGetChart(string name)
    {
        if (name == "hourly")
        {
            var hours = Hours();
            return Png((fonts, chinese) => ChartRenderer.Render(
                new BarChart(new("各时段询单人数", "Inquiries by hour of day"), Metrics.Text("inquiry_buyers"),
                    hours.Select(h => h.Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                    hours.Select(h => (double)h.Inquiries).ToList(), CategoryAxis: ChartRenderer.HourAxis),
                fonts, chinese));
        }

        if (!TrendCharts.Names.Contains(name))
        {
            return NotFound();
        }

        var (from, to, grain) = Period.Trend();
        var rows = KpiRows(grain, from, to);
        return Png((fonts, chinese) => ChartRenderer.Render(TrendCharts.Chart(name, rows, Metrics), fonts, chinese));
    }

    private void Load(string? rank)
    {
        RankMetric = rank is not null && RankMetrics.Contains(rank) ? rank : Metrics.DefaultRanking;
        Now = KpiTotalsOf(Period.From, Period.DataTo);
        var previous = Period.Previous();
        Before = KpiTotalsOf(previous.From, previous.To);
        if (Now is not null)
        {
            Tiles = new KpiComparison(Now, Before, MaturesOn(Now.PeriodEnd))
            {
                Targets = Targets(),
                Trends = Trends(),
                Lead = Now.Value(LeadMetric) is not null ? LeadMetric : null,
            };
            var language = Lang.IsChinese ? "zh-CN" : "en";
            Changes = Cached($"day-changes|{Period.Iso(LastDay)}|{language}",
                () => DayChanges.Between(Db, warehouse, Metrics, Scope, LastDay.AddDays(-1), LastDay, language));
        }

        if (Scope.IsAgentView)
        {
            return;
        }

        // Ranked within the store, or within the team when one is chosen; agents too small a sample are not listed.
        var rankColumn = Scope.Team is null ? "store_rank" : "team_rank";
        var ranked = Cached($"dashboard-ranking|{rankColumn}|{RankMetric}|{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}", () => Db.Query<RankedAgent>($"""
            select agent_id, agent_name, team, value, {rankColumn} as rank, inquiry_buyers
            from marts.agent_ranking('range', $from, $to)
            where metric = $metric and {rankColumn} is not null and {Scope.Where()}
            order by {rankColumn}, agent_id
            """, Scope.Parameters(new { from = Period.From, to = Period.DataTo, metric = RankMetric })).ToList());
        Top = ranked.Take(Listed).ToList();
        Bottom = ranked.Count > Listed ? ranked.TakeLast(Math.Min(Listed, ranked.Count - Listed)).Reverse().ToList() : [];
    }

    /// <summary>
    /// The target of each metric on the period's last day (the store's standard, else its scorecard's target). A rate
    /// or a time is its own target at every level; a sum's target is one agent's for 30 days, so it is shown, scaled
    /// to the period's days, on an agent's dashboard only.
    /// </summary>
    private Dictionary<string, KpiTarget> Targets()
    {
        var days = Period.DataTo.DayNumber - Period.From.DayNumber + 1;
        return Cached($"standards|{Period.Iso(Period.DataTo)}", () => Db.Query<(string Metric, double Standard, string Source)>(
                "select metric, standard_value, source from marts.kpi_standard_on($to) where store_id = $store",
                Scope.Parameters(new { to = Period.DataTo })).ToList())
            .Where(t => Metrics.Registry.Find(t.Metric) is { } m && (m.Numerator is not null || Scope.IsAgentView))
            .ToDictionary(t => t.Metric, t => new KpiTarget(Metrics.Registry.Find(t.Metric)!.Numerator is null ? t.Standard * days / 30 : t.Standard, t.Source),
                StringComparer.Ordinal);
    }

    /// <summary>Each metric's value day by day over the period: the tiles' trend lines.</summary>
    private Dictionary<string, IReadOnlyList<double?>> Trends()
    {
        var days = KpiRows("day", Period.From, Period.DataTo);
        return Metrics.On("headline").ToDictionary(m => m, m => (IReadOnlyList<double?>)days.Select(d => d.Value(m)).ToList(), StringComparer.Ordinal);
    }

    private IReadOnlyList<HourRow> Hours() => Cached($"hours|{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}", () => Db.Query<HourRow>($"""
        with counts as (
            select hour(r.first_buyer_at) as hour, count(*) as inquiries
            from core.fct_reception as r
            join core.dim_agent as a on a.agent_key = r.agent_key
            where r.is_inquiry and r.business_day between $from and $to
              and r.store_id = $store and ($team is null or a.team = $team) and ($agent is null or r.agent_id = $agent)
            group by all
        )
        select h.hour::integer as hour, coalesce(c.inquiries, 0)::bigint as inquiries
        from range(24) as h(hour) left join counts as c on c.hour = h.hour
        order by h.hour
        """, Scope.Parameters(new { from = Period.From, to = Period.DataTo })).ToList());

    private static string T(string chinese, string english) => Lang.T(chinese, english);
}
