using CsKpi.Seed.People;
using static CsKpi.Seed.Reports.ReportCells;

namespace CsKpi.Seed.Reports;

/// <summary>One agent's row of a report: the sums of the report's days and the team the agent was in at their end.</summary>
internal sealed record ReportRow(Agent Agent, string Team, AgentDay Sums);

/// <summary>
/// The CS tools' per-agent performance reports (issue 16), with the headers of etl/CsKpi.Etl/Layouts: 赤兔 售前
/// (chitu-presale), 赤兔/千牛 客服工作量 (chitu-workload) and 千牛/拼多多 客服数据 (service-data). Every figure is a
/// sum of <see cref="AgentDay"/> or a ratio of two; what the seed does not simulate (postage, discounts, silent orders
/// followed up, assists, words typed, concurrency) is 0 where the tool would show 0 and <c>-</c> where it is unknown.
/// </summary>
internal sealed record AgentReportLayout(string Name, string FileStem, string[] Header, Func<ReportRow, object?[]> Cells)
{
    /// <summary>The agent as the tool writes the nick: the whole <c>店铺:子账号</c>, or only the 子账号.</summary>
    public static string SubAccount(Agent agent) => agent.AgentId[(agent.AgentId.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public static readonly AgentReportLayout ChituPresale = new("chitu-presale", "售前绩效",
    [
        "客服", "接待人数", "询单人数", "询单->最终付款人数", "询单->最终付款成功率", "客件数", "客单价", "邮费总额", "手工折扣率", "客服回复率",
        "平均响应时间", "首次响应时间", "平均接待时长", "静默下单本人落实付款-人数", "静默下单本人落实付款-金额", "销售额", "客服答问比", "慢响应人数",
        "询单->最终下单人数", "下单->最终付款成功率", "全静默单本人跟进-人数", "询单->次日付款人数", "询单->次日付款成功率", "协助跟进人数",
        "协助下单人数", "转出人数", "退款率",
    ], r =>
    {
        var s = r.Sums;
        return
        [
            r.Agent.AgentId, s.Received, s.Inquiries, s.InquiriesPaidFinal, Percent(s.InquiriesPaidFinal, s.Inquiries),
            Ratio(s.SalesItems, s.SalesBuyers), Mean(s.SalesFen, s.SalesBuyers), 0m, "0.00%", Percent(s.Replied, s.Received),
            Duration(s.ResponseSeconds, s.Answered), Duration(s.FirstResponseSeconds, s.FirstResponses), Duration(s.ReceptionSeconds, s.Replied),
            0L, 0m, Yuan(s.SalesFen), Ratio(s.AgentMessages, s.BuyerMessages), s.Slow,
            s.InquiriesOrdered, Percent(s.InquiriesPaidFinal, s.InquiriesOrdered), 0L, s.InquiriesPaidNextDay,
            Percent(s.InquiriesPaidNextDay, s.Inquiries), 0L, 0L, s.TransfersOut, Percent(s.RefundedOrders, s.SalesOrders),
        ];
    });

    public static readonly AgentReportLayout ChituWorkload = new("chitu-workload", "客服工作量",
    [
        "客服", "咨询人数", "接待人数", "直接接待人数", "转入人数", "转出人数", "买家发起", "客服主动跟进", "总消息", "买家消息", "客服消息", "答问比",
        "客服字数", "最大同时接待", "未回复人数", "旺旺回复率", "慢响应人数", "长接待人数", "首次响应(秒)", "平均响应(秒)", "平均接待时长",
        "发出评价数", "收到评价数", "很满意", "满意", "一般", "不满", "很不满", "客服服务满意度",
    ], r =>
    {
        var s = r.Sums;
        var rated = s.Ratings.Sum();
        return
        [
            r.Agent.AgentId, s.Consulted, s.Received, Math.Max(0, s.Received - s.TransfersIn), s.TransfersIn, s.TransfersOut, s.Consulted, 0L,
            s.BuyerMessages + s.AgentMessages + s.AutoMessages, s.BuyerMessages, s.AgentMessages, Ratio(s.AgentMessages, s.BuyerMessages),
            "-", "-", s.Received - s.Replied, Percent(s.Replied, s.Received), s.Slow, "-",
            Seconds(s.FirstResponseSeconds, s.FirstResponses), Seconds(s.ResponseSeconds, s.Answered), Duration(s.ReceptionSeconds, s.Replied),
            "-", rated, s.Ratings[5], s.Ratings[4], s.Ratings[3], s.Ratings[2], s.Ratings[1], PercentNumber(s.Ratings[5] + s.Ratings[4], rated),
        ];
    });

    public static readonly AgentReportLayout ServiceData = new("service-data", "客服数据",
    [
        // The export mixes full- and half-width brackets, as issue 16 quotes it.
        "旺旺昵称", "咨询人数", "接待人数", "未回复人数", "有效接待人数", "平均响应时长（秒)", "3分钟人工响应率", "旺旺回复率", "首次响应时长（秒)",
        "慢响应人数", "答问比", "旺旺分组",
    ], r =>
    {
        var s = r.Sums;
        return
        [
            SubAccount(r.Agent), s.Consulted, s.Received, s.Received - s.Replied, s.Replied, Seconds(s.ResponseSeconds, s.Answered),
            Fraction(s.FirstWithin3Min, s.Received), Fraction(s.Replied, s.Received), Seconds(s.FirstResponseSeconds, s.FirstResponses),
            s.Slow, Ratio(s.AgentMessages, s.BuyerMessages), r.Team,
        ];
    });

    public static readonly AgentReportLayout[] All = [ChituPresale, ChituWorkload, ServiceData];

    /// <summary>
    /// The file name with the period in one of the forms the tools write (issue 16): 赤兔's <c>2026-03-01至2026-03-31</c>
    /// (one day: <c>2026-03-05</c>), the workload's <c>2026-03-01 ~ 2026-03-31</c>, 千牛's <c>_20260301_20260331</c>.
    /// </summary>
    public string FileName(DateOnly from, DateOnly to) => Name switch
    {
        "chitu-presale" => from == to ? $"{FileStem}_{from:yyyy-MM-dd}" : $"{FileStem}_{from:yyyy-MM-dd}至{to:yyyy-MM-dd}",
        "chitu-workload" => $"{FileStem}_{from:yyyy-MM-dd} ~ {to:yyyy-MM-dd}",
        _ => $"{FileStem}_{from:yyyyMMdd}_{to:yyyyMMdd}",
    };

    /// <summary>Daily downloads and whole-month ones come in the other form, so each layout is read as .xlsx and as GBK CSV.</summary>
    public ReportFormat FormatOf(bool daily) => (Name == "chitu-workload") == daily ? ReportFormat.GbkCsv : ReportFormat.Xlsx;
}
