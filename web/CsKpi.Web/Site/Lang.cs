using System.Globalization;

namespace CsKpi.Web.Site;

/// <summary>
/// The site's two languages: zh-CN first, English by the switch in the header (remembered in the culture cookie).
/// Page text is written as (Chinese, English) pairs where it is used; the metric names, which every page shares,
/// are the one table here. Numbers and dates follow the request's culture.
/// </summary>
public static class Lang
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>The text in the request's language.</summary>
    public static string T(string chinese, string english) => IsChinese ? chinese : english;

    /// <summary>Metric name in both languages, and how its value reads.</summary>
    public sealed record MetricText(string Chinese, string English, MetricFormat Format)
    {
        public string Name => T(Chinese, English);
    }

    public enum MetricFormat { Count, Percent, Seconds, Money, Ratio }

    private static readonly Dictionary<string, MetricText> Metrics = new(StringComparer.Ordinal)
    {
        ["consult_buyers"] = new("咨询人数", "Consultations", MetricFormat.Count),
        ["filtered_buyers"] = new("接待过滤人数", "Filtered", MetricFormat.Count),
        ["received_buyers"] = new("接待人数", "Receptions", MetricFormat.Count),
        ["inquiry_buyers"] = new("询单人数", "Inquiries", MetricFormat.Count),
        ["replied_buyers"] = new("回复人数", "Replied", MetricFormat.Count),
        ["unreplied_buyers"] = new("未回复人数", "Unreplied", MetricFormat.Count),
        ["reply_rate"] = new("回复率", "Reply rate", MetricFormat.Percent),
        ["buyer_messages"] = new("买家消息数", "Buyer messages", MetricFormat.Count),
        ["agent_messages"] = new("客服消息数", "Agent messages", MetricFormat.Count),
        ["qa_ratio"] = new("答问比", "Answers per question", MetricFormat.Ratio),
        ["first_response_seconds"] = new("首次响应时间", "First response", MetricFormat.Seconds),
        ["avg_response_seconds"] = new("平均响应时间", "Average response", MetricFormat.Seconds),
        ["slow_buyers"] = new("慢响应人数", "Slow responses", MetricFormat.Count),
        ["reception_seconds"] = new("总接待时长", "Reception time", MetricFormat.Seconds),
        ["avg_reception_seconds"] = new("平均接待时长", "Average reception time", MetricFormat.Seconds),
        ["sales_amount"] = new("销售额", "Sales", MetricFormat.Money),
        ["sales_items"] = new("销售量", "Items sold", MetricFormat.Count),
        ["sales_buyers"] = new("销售人数", "Buyers", MetricFormat.Count),
        ["aov"] = new("客单价", "Average order value", MetricFormat.Money),
        ["items_per_buyer"] = new("客件数", "Items per buyer", MetricFormat.Ratio),
        ["refund_amount"] = new("退款金额", "Refunds", MetricFormat.Money),
        ["inquiry_paid_next_day"] = new("询单→次日付款人数", "Inquiries paid next day", MetricFormat.Count),
        ["inquiry_paid_final"] = new("询单→最终付款人数", "Inquiries paid (final)", MetricFormat.Count),
        ["next_day_conversion"] = new("询单→次日付款成功率", "Next-day conversion", MetricFormat.Percent),
        ["final_conversion"] = new("询单→最终付款成功率", "Final conversion", MetricFormat.Percent),
        ["rated_buyers"] = new("评价人数", "Rated", MetricFormat.Count),
        ["satisfied_buyers"] = new("满意人数", "Satisfied", MetricFormat.Count),
        ["satisfaction_rate"] = new("满意率", "Satisfaction", MetricFormat.Percent),
        ["roi"] = new("投入产出比", "ROI", MetricFormat.Ratio),
        ["assist_buyers"] = new("协助跟进人数", "Assisted buyers", MetricFormat.Count),
        ["cs_sales_share"] = new("客服销售占比", "CS share of sales", MetricFormat.Percent),
        ["silent_share"] = new("静默下单占比", "Silent-order share", MetricFormat.Percent),
        ["total_paid_amount"] = new("店铺付款总额", "Store paid total", MetricFormat.Money),
        ["silent_amount"] = new("静默销售额", "Silent sales", MetricFormat.Money),
        ["total"] = new("总分", "Total score", MetricFormat.Ratio),
    };

    public static MetricText Metric(string code) =>
        Metrics.TryGetValue(code, out var text) ? text : new MetricText(code, code, MetricFormat.Ratio);

    public static IEnumerable<string> MetricCodes => Metrics.Keys;

    /// <summary>A metric's value as a manager reads it; empty ratios (no denominator) show as "—".</summary>
    public static string Format(string code, double? value) => Format(Metric(code).Format, value);

    public static string Format(MetricFormat format, double? value) => value is not { } v
        ? "—"
        : format switch
        {
            MetricFormat.Count => v.ToString("N0", CultureInfo.CurrentCulture),
            MetricFormat.Percent => v.ToString("P1", CultureInfo.CurrentCulture),
            MetricFormat.Seconds => v.ToString("N1", CultureInfo.CurrentCulture) + T(" 秒", " s"),
            MetricFormat.Money => "¥" + v.ToString("N2", CultureInfo.CurrentCulture),
            _ => v.ToString("N2", CultureInfo.CurrentCulture),
        };

    public static string Date(DateOnly day) => day.ToString(IsChinese ? "yyyy-MM-dd" : "d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>Change against the previous period, as a signed percentage; empty when either side is.</summary>
    public static string Change(double? now, double? before) =>
        now is { } n && before is { } b && b != 0
            ? ((n - b) / Math.Abs(b)).ToString("+0.0%;-0.0%;0.0%", CultureInfo.CurrentCulture)
            : "—";
}
