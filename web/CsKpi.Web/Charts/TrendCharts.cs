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

    public static LineChart Chart(string name, IReadOnlyList<KpiTotals> rows)
    {
        var days = rows.Select(r => r.PeriodStart).ToList();
        ChartSeries Series(string metric, Func<KpiTotals, double?> value, bool right = false) =>
            new(new(Lang.Metric(metric).Chinese, Lang.Metric(metric).English), days, rows.Select(value).ToList(), right);

        return name switch
        {
            "receptions" => new(Title(name), new("人数", "Buyers"),
                [Series("received_buyers", r => r.ReceivedBuyers), Series("inquiry_buyers", r => r.InquiryBuyers)]),
            "conversion" => new(Title(name), new("%", "%"),
                [Series("final_conversion", r => r.FinalConversion), Series("next_day_conversion", r => r.NextDayConversion)], Percent: true),
            "response" => new(Title(name), new("秒", "Seconds"),
                [Series("first_response_seconds", r => r.FirstResponseSeconds), Series("avg_response_seconds", r => r.AvgResponseSeconds)]),
            "sales" => new(Title(name), new("销售额（元）", "Sales (CNY)"),
                [Series("sales_amount", r => r.SalesAmount), Series("aov", r => r.Aov, right: true)], RightAxis: new("客单价（元）", "AOV (CNY)")),
            _ => throw new ArgumentException($"No trend chart {name}", nameof(name)),
        };
    }
}
