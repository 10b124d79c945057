using System.Globalization;
using CsKpi.Warehouse.Reconciliation;
using CsKpi.Web.Site;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Reports;

/// <summary>
/// 报表核对: a CS tool's report (赤兔, 千牛 …) against CsKpi's own numbers, per agent, period (a day, or the report's
/// range) and metric, where the store has chats in the period: both values, the difference and whether it is within
/// the tolerance (marts.report_tolerance); per metric, how many agree. The rows are <see cref="ReportReconciliation"/>'s,
/// the same as <c>cskpi reconcile</c> prints, held to the viewer's store and team.
/// </summary>
public sealed class ReconciliationModel(DuckDBConnection db) : SitePage(db)
{
    /// <summary>At most this many rows are shown; the download has them all.</summary>
    public const int ShownRows = 1000;

    public string? Metric { get; private set; }
    public string? Agent { get; private set; }
    public bool OnlyOutside { get; private set; }
    public IReadOnlyList<ReconciliationRow> Rows { get; private set; } = [];
    public IReadOnlyList<ReconciliationTotal> Totals { get; private set; } = [];
    public IReadOnlyList<string> MetricChoices { get; private set; } = [];
    public IReadOnlyList<(string AgentId, string AgentName)> AgentChoices { get; private set; } = [];
    private IReadOnlyList<ReconciliationTolerance> tolerances = [];

    public override IEnumerable<KeyValuePair<string, string?>> Keep =>
        [new("metric", Metric), new("agent", Agent), new("outside", OnlyOutside ? "true" : null)];

    public void OnGet(string? metric, string? agent, bool outside) => Load(metric, agent, outside, ShownRows);

    public IActionResult OnGetExport(string? format, string? metric, string? agent, bool outside)
    {
        Load(metric, agent, outside, limit: null);
        return Download(new ExportTable($"cskpi-reconciliation-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}",
            [
                Lang.T("客服账号", "Agent id"), Lang.T("客服", "Agent"), Lang.T("报表中的客服", "Agent in the report"), Lang.T("小组", "Team"),
                Lang.T("开始日期", "From"), Lang.T("结束日期", "To"), Lang.T("天数", "Days"), Lang.T("有聊天记录的天数", "Days with chats"),
                Lang.T("指标代码", "Metric code"), Lang.T("指标", "Metric"), Lang.T("报表值", "Report value"), Lang.T("CsKpi 值", "CsKpi value"),
                Lang.T("差异（CsKpi − 报表）", "Difference (CsKpi − report)"), Lang.T("相对差异", "Relative difference"),
                Lang.T("容差", "Tolerance"), Lang.T("结果", "Result"), Lang.T("文件", "File"), Lang.T("行号", "Line"),
            ],
            Rows.Select(r => new object?[]
            {
                r.AgentId, r.AgentName, r.AgentNick, r.Team, r.PeriodFrom, r.PeriodTo, r.Days, r.ChatDays, r.Metric, Metrics.Name(r.Metric),
                r.ReportValue, r.CskpiValue, r.Difference, r.RelativeDifference, r.Tolerance, Verdict(r.WithinTolerance), r.FileId, r.Line,
            }).ToList()), format);
    }

    /// <summary>一致 / 超出容差 / 无法比较 (either side empty).</summary>
    public static string Verdict(bool? within) => within switch
    {
        true => Lang.T("一致", "Agrees"),
        false => Lang.T("超出容差", "Outside tolerance"),
        null => Lang.T("无法比较", "Not comparable"),
    };

    /// <summary>A rate's difference in percentage points; any other in the metric's own format, signed.</summary>
    public string Difference(ReconciliationRow row)
    {
        if (row.Difference is not { } difference)
        {
            return "—";
        }

        if (row.Format == "percent")
        {
            return (difference * 100).ToString("+0.0;-0.0;0", CultureInfo.CurrentCulture) + Lang.T(" 个百分点", " pts");
        }

        // A difference too small to show reads as none (0.0 秒), not -0.0 秒.
        var zero = Metrics.Format(row.Metric, 0);
        return Metrics.Format(row.Metric, Math.Abs(difference)) == zero ? zero
            : (difference > 0 ? "+" : "") + Metrics.Format(row.Metric, difference);
    }

    public static string Relative(double? relative) =>
        relative is { } r ? r.ToString("+0.0%;-0.0%;0%", CultureInfo.CurrentCulture) : "—";

    /// <summary>The tolerance of a format, from marts.report_tolerance: ±2% 或 ±1, ±2 个百分点, ±10% 或 ±1 秒.</summary>
    public string Tolerance(string format)
    {
        if (tolerances.FirstOrDefault(t => t.Format == format) is not { } tolerance)
        {
            return "—";
        }

        if (format == "percent")
        {
            return "±" + ((tolerance.Absolute ?? 0) * 100).ToString("0.##", CultureInfo.CurrentCulture) + Lang.T(" 个百分点", " pts");
        }

        var unit = format is "seconds" or "clock" ? Lang.T(" 秒", " s") : "";
        var parts = new List<string>();
        if (tolerance.Relative is { } relative)
        {
            parts.Add("±" + relative.ToString("0.##%", CultureInfo.CurrentCulture));
        }

        if (tolerance.Absolute is { } absolute)
        {
            parts.Add("±" + absolute.ToString("0.##", CultureInfo.CurrentCulture) + unit);
        }

        return string.Join(Lang.T(" 或 ", " or "), parts);
    }

    public string PeriodText(ReconciliationRow row) => row.PeriodFrom == row.PeriodTo
        ? Lang.Date(row.PeriodFrom)
        : $"{Lang.Date(row.PeriodFrom)} ~ {Lang.Date(row.PeriodTo)}";

    private void Load(string? metric, string? agent, bool outside, int? limit)
    {
        var all = new ReconciliationFilter(Scope.Store, Period.From, Period.To, Scope.Team, Scope.Agent);
        MetricChoices = ReportReconciliation.Metrics(Db, all);
        AgentChoices = ReportReconciliation.Agents(Db, all);
        Metric = metric is not null && MetricChoices.Contains(metric) ? metric : null;
        // An agent viewer's own id wins over any agent in the address; others choose among the agents listed.
        Agent = agent is not null && AgentChoices.Any(a => a.AgentId == agent) ? agent : null;
        OnlyOutside = outside;
        var filter = all with { Agent = Scope.Agent ?? Agent, Metric = Metric, OnlyOutside = outside };
        Totals = ReportReconciliation.Totals(Db, filter);
        var rows = ReportReconciliation.Rows(Db, filter);
        Rows = limit is { } most ? rows.Take(most).ToList() : rows;
        RowCount = rows.Count;
        tolerances = ReportReconciliation.Tolerances(Db);
    }

    /// <summary>Every row the filters select, of which at most <see cref="ShownRows"/> are on the page.</summary>
    public int RowCount { get; private set; }
}
