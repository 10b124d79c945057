using CsKpi.Web.Site;

namespace CsKpi.Web.Charts;

/// <summary>The trend charts the dashboard, the agent page and the reports share, drawn from period rows.</summary>
public static class TrendCharts
{
    public static readonly IReadOnlyList<string> Names = ["receptions", "conversion", "response", "sales"];

    public static ChartText Title(string name) => name switch
    {
        "receptions" => new("接待人数与询单人数", "Receptions and inquiries"),
        "conversion" => new("询单转化率", "Inquiry conversion"),
        "response" => new("首次与平均响应时间", "First and average response time"),
        "sales" => new("销售额与客单价", "Sales and average order value"),
        _ => throw new ArgumentException($"No trend chart {name}", nameof(name)),
    };

    /// <summary>
    /// The chart of that name: its series are the registry's <c>trend_&lt;name&gt;</c> list, in order; a chart of
    /// percentages reads as one; the sales chart draws its second series (the order value) on a right axis of its own.
    /// </summary>
    public static LineChart Chart(string name, IReadOnlyList<KpiTotals> rows, SiteMetrics metrics)
    {
        var title = Title(name);
        var days = rows.Select(r => r.PeriodStart).ToList();
        var codes = metrics.On("trend_" + name);
        var right = name == "sales";
        var series = codes.Select((metric, i) => new ChartSeries(metrics.Text(metric), days, rows.Select(r => r.Value(metric)).ToList(), right && i > 0)).ToList();
        return name switch
        {
            "receptions" => new(title, new("人数", "Buyers"), series),
            "conversion" => new(title, new("%", "%"), series, Percent: codes.All(metrics.IsPercent)),
            "response" => new(title, new("秒", "Seconds"), series),
            "sales" => new(title, new("销售额（元）", "Sales (CNY)"), series, RightAxis: new("客单价（元）", "AOV (CNY)")),
            _ => throw new ArgumentException($"No trend chart {name}", nameof(name)),
        };
    }
}
