using System.Text;
using CsKpi.Etl.Tests.Support;
using MiniExcelLibs;

namespace CsKpi.Etl.Tests;

/// <summary>
/// Issue 16: the CS tools' per-agent performance reports load into raw.agent_report in long form, recognised by their
/// header. Hand-made files of each layout (shaped by the headers of the issue) carry every value form the tools write:
/// rates as 85.3%, 0.853 or 85.3, times as 35, 35秒 or 0:00:35, and - or -- for empty; totals rows are rejected and a
/// file without a period says so.
/// </summary>
public sealed class AgentReportTests
{
    private sealed record Figure(string Agent, string Metric, double? Value);

    private static List<Figure> Figures(EtlTestBed bed, string agent) => bed.Query<Figure>("""
        select agent_nick as Agent, metric as Metric, value as Value from raw.agent_report
        where agent_nick = $agent order by metric
        """, new { agent });

    private static double? Value(EtlTestBed bed, string agent, string metric) =>
        bed.Scalar<double?>("select any_value(value) from raw.agent_report where agent_nick = $agent and metric = $metric", new { agent, metric });

    private static bool Has(EtlTestBed bed, string agent, string metric) =>
        bed.Scalar<long>("select count(*) from raw.agent_report where agent_nick = $agent and metric = $metric", new { agent, metric }) == 1;

    private static void Loaded(FileLoadReport report, string layout, long read, long loaded, long rejected)
    {
        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.File}: {report.Outcome} {report.Reason}");
        Assert.Equal(("agent_report", layout), (report.Kind, report.Layout));
        Assert.Equal((read, loaded, 0L, rejected), (report.Read, report.Loaded, report.Duplicates, report.Rejected));
    }

    private static (DateOnly, DateOnly) Period(EtlTestBed bed, string agent) =>
        bed.Query<(DateTime From, DateTime To)>("select distinct period_from, period_to from raw.agent_report where agent_nick = $agent", new { agent })
            .Select(p => (DateOnly.FromDateTime(p.From), DateOnly.FromDateTime(p.To))).Single();

    private static readonly (DateOnly, DateOnly) FirstWeek = (new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 7));

    [Fact]
    public void A_chitu_presale_report_in_utf8_loads_every_rate_and_time_form_takes_its_period_from_the_name_and_rejects_汇总()
    {
        using var bed = new EtlTestBed();
        const string name = "朵朵云旗舰店/售前绩效_2026-03-01至2026-03-07.csv";
        bed.Write(name, """
            客服,接待人数,询单人数,询单->最终付款人数,询单->最终付款成功率,客件数,客单价,邮费总额,手工折扣率,客服回复率,平均响应时间,首次响应时间,平均接待时长,销售额,客服答问比,慢响应人数,询单->次日付款成功率,退款率
            朵朵云旗舰店:小美,120,40,34,85.0%,1.2,"1,234.50",0,0.00%,99.5%,0:00:35,0:00:12,0:05:00,"41,973.00",1.35,3,50%,1.5%
            小王,100,50,25,50,1.1,88,0,0,99,35秒,12秒,300秒,2200,1.2,0,40,2
            小李,80,20,5,0.25,1,--,0,0.0,0.995,35,12,300,-,0.9,-,0.4,0.015
            汇总,300,110,64,58.2%,1.1,,0,0,99%,0:00:35,0:00:12,0:05:00,44173.00,1.2,3,45%,1.8%
            """);

        var report = bed.IngestOne(name);

        Loaded(report, "chitu-presale", read: 4, loaded: 3, rejected: 1);
        Assert.Equal(FirstWeek, Period(bed, "朵朵云旗舰店:小美"));
        Assert.Equal("朵朵云旗舰店", bed.Scalar<string>("select distinct store_id from raw.agent_report"));
        foreach (var agent in new[] { "朵朵云旗舰店:小美", "小王", "小李" })
        {
            // 85.0%, 50 (a rate above 1 without %) and 0.25; 99.5%, 99 and 0.995; 0:00:35, 35秒 and 35.
            Assert.Equal(35, Value(bed, agent, "avg_response_seconds"));
            Assert.Equal(12, Value(bed, agent, "first_response_seconds"));
            Assert.Equal(300, Value(bed, agent, "avg_reception_seconds"));
        }

        Assert.Equal([0.85, 0.5, 0.25], new[] { "朵朵云旗舰店:小美", "小王", "小李" }.Select(a => Math.Round(Value(bed, a, "final_conversion")!.Value, 6)));
        Assert.Equal([0.995, 0.99, 0.995], new[] { "朵朵云旗舰店:小美", "小王", "小李" }.Select(a => Math.Round(Value(bed, a, "reply_rate")!.Value, 6)));
        Assert.Equal([0.015, 0.02, 0.015], new[] { "朵朵云旗舰店:小美", "小王", "小李" }.Select(a => Math.Round(Value(bed, a, "退款率")!.Value, 6)));
        Assert.Equal(1234.5, Value(bed, "朵朵云旗舰店:小美", "aov"));
        Assert.Equal(41973, Value(bed, "朵朵云旗舰店:小美", "sales_amount"));
        Assert.Equal(120, Value(bed, "朵朵云旗舰店:小美", "received_buyers"));
        // -- and - are empty: the figure is kept as reported empty, never 0.
        Assert.True(Has(bed, "小李", "aov") && Has(bed, "小李", "sales_amount") && Has(bed, "小李", "slow_buyers"));
        Assert.Null(Value(bed, "小李", "aov"));
        Assert.Null(Value(bed, "小李", "sales_amount"));
        Assert.Null(Value(bed, "小李", "slow_buyers"));
        // A header no metric of the layout names is kept under its own name.
        Assert.Equal(0, Value(bed, "小王", "邮费总额"));
        Assert.Equal(17, Figures(bed, "小王").Count);
        var reject = Assert.Single(bed.Rejects(name));
        Assert.Equal(5, reject.Line);
        Assert.Contains("summary row (汇总)", reject.Reason, StringComparison.Ordinal);
        Assert.Equal("agent_report", bed.Scalar<string>("select kind from etl.file_ledger where file_name = $name", new { name }));
    }

    [Fact]
    public void A_workload_report_of_the_2023_renaming_in_gbk_maps_the_new_names_to_the_old_metrics_and_rejects_均值()
    {
        using var bed = new EtlTestBed(store: "朵朵云旗舰店");
        const string name = "客服工作量_20260301_20260307.csv";
        bed.Write(name, """
            客服昵称,聊天人数(原咨询人数),接待人数,直接接入人数,转发接入人数,转出人数,总消息数,买家消息,客服消息,答问比,最大同时聊天数,未回复人数,回复率,慢接待人数,首次响应(秒),平均响应(秒),平均接待时长,客服服务满意度
            小美,130,120,110,10,2,2400,1000,1400,1.4,6,1,99.2%,3,12,35,0:05:00,98.5
            小王,90,88,80,8,0,1500,700,800,1.14,4,0,100%,0,10秒,0:00:40,280,0.97
            均值,110,104,95,9,1,1950,850,1100,1.27,5,0.5,99.6%,1.5,11,37.5,290,97.7
            """, EtlTestBed.Gbk);

        var report = bed.IngestOne(name);

        Loaded(report, "chitu-workload", read: 3, loaded: 2, rejected: 1);
        Assert.Equal(FirstWeek, Period(bed, "小美"));
        Assert.Equal(130, Value(bed, "小美", "consult_buyers"));
        Assert.Equal(110, Value(bed, "小美", "直接接待人数"));
        Assert.Equal(10, Value(bed, "小美", "转入人数"));
        Assert.Equal(2400, Value(bed, "小美", "总消息"));
        Assert.Equal(6, Value(bed, "小美", "最大同时接待"));
        Assert.Equal(0.992, Math.Round(Value(bed, "小美", "reply_rate")!.Value, 6));
        Assert.Equal(1, Value(bed, "小王", "reply_rate"));
        Assert.Equal(3, Value(bed, "小美", "slow_buyers"));
        Assert.Equal(10, Value(bed, "小王", "first_response_seconds"));
        Assert.Equal(40, Value(bed, "小王", "avg_response_seconds"));
        Assert.Equal([0.985, 0.97], new[] { "小美", "小王" }.Select(a => Math.Round(Value(bed, a, "客服服务满意度")!.Value, 6)));
        Assert.Contains("summary row (均值)", Assert.Single(bed.Rejects(name)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workload_report_with_a_日期_column_takes_each_row_s_day_from_it_rather_than_from_the_name()
    {
        using var bed = new EtlTestBed();
        const string name = "朵朵云旗舰店/客服工作量 2026-03-01 ~ 2026-03-07.csv";
        bed.Write(name, """
            日期,客服,咨询人数,接待人数,直接接待人数,转入人数,总消息,答问比,旺旺回复率,首次响应(秒),平均响应(秒)
            2026-03-01,小美,30,28,27,1,500,1.3,0.98,12,35
            2026/3/2,小美,25,25,25,0,420,1.2,98%,11,33
            2026-03-02,小王,,,,,,,--,-,-
            """);

        var report = bed.IngestOne(name);

        Loaded(report, "chitu-workload", read: 3, loaded: 3, rejected: 0);
        Assert.Equal(
            [(new DateTime(2026, 3, 1), 0.98), (new DateTime(2026, 3, 2), 0.98)],
            bed.Query<(DateTime, double)>("select period_from, round(value, 6) from raw.agent_report where agent_nick = '小美' and metric = 'reply_rate' and period_to = period_from order by 1"));
        Assert.Equal(0L, bed.Scalar<long>("select count(value) from raw.agent_report where agent_nick = '小王'"));
        Assert.Equal(9L, bed.Scalar<long>("select count(*) from raw.agent_report where agent_nick = '小王'"));
    }

    [Fact]
    public void A_service_data_workbook_with_mixed_brackets_is_recognised_keeps_its_group_and_rejects_合计()
    {
        using var bed = new EtlTestBed();
        const string name = "拼多多店/客服数据_2026-03-01 ~ 2026-03-07.xlsx";
        WriteWorkbook(bed, name, "客服数据",
        [
            ["旺旺昵称", "咨询人数", "接待人数", "未回复人数", "有效接待人数", "平均响应时长（秒)", "3分钟人工响应率", "旺旺回复率", "首次响应时长（秒)", "慢响应人数", "答问比", "旺旺分组"],
            ["拼多多店:小美", "100", "98", "2", "95", "0:00:35", "96.5%", "0.98", "12秒", "3", "1.3", "售前组"],
            ["小王", "80", "80", "0", "78", "35", "96.5", "98%", "12", "-", "--", "售前组"],
            ["合计", "180", "178", "2", "173", "35", "96.5%", "98%", "12", "3", "1.3", ""],
        ]);

        var report = bed.IngestOne(name);

        Loaded(report, "service-data", read: 3, loaded: 2, rejected: 1);
        Assert.Equal(FirstWeek, Period(bed, "小王"));
        Assert.Equal("拼多多店", bed.Scalar<string>("select distinct store_id from raw.agent_report"));
        Assert.Equal("售前组", bed.Scalar<string>("select distinct team from raw.agent_report"));
        foreach (var agent in new[] { "拼多多店:小美", "小王" })
        {
            Assert.Equal(35, Value(bed, agent, "avg_response_seconds"));
            Assert.Equal(12, Value(bed, agent, "first_response_seconds"));
            Assert.Equal(0.965, Math.Round(Value(bed, agent, "taobao_manual_response_rate")!.Value, 6));
            Assert.Equal(0.98, Math.Round(Value(bed, agent, "reply_rate")!.Value, 6));
        }

        Assert.Null(Value(bed, "小王", "slow_buyers"));
        Assert.Null(Value(bed, "小王", "qa_ratio"));
        Assert.Equal(95, Value(bed, "拼多多店:小美", "有效接待人数"));
        Assert.Contains("summary row (合计)", Assert.Single(bed.Rejects(name)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_a_日期_column_or_a_period_in_its_name_is_rejected_saying_the_period_is_unknown()
    {
        using var bed = new EtlTestBed();
        const string name = "朵朵云旗舰店/客服数据.csv";
        bed.Write(name, """
            旺旺昵称,咨询人数,接待人数,未回复人数,有效接待人数,平均响应时长(秒),3分钟人工响应率,旺旺回复率,首次响应时长(秒),慢响应人数,答问比
            小美,100,98,2,95,35,96.5%,98%,12,3,1.3
            小王,80,80,0,78,35,96.5%,98%,12,0,1.2
            """, EtlTestBed.Gbk);

        var report = bed.IngestOne(name);

        Loaded(report, "service-data", read: 2, loaded: 0, rejected: 2);
        Assert.All(bed.Rejects(name), r => Assert.StartsWith("the period is unknown", r.Reason, StringComparison.Ordinal));
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from raw.agent_report"));
    }

    [Fact]
    public void A_figure_that_is_no_number_rate_or_time_rejects_its_row_naming_the_column_and_a_reload_is_all_duplicates()
    {
        using var bed = new EtlTestBed();
        const string header = "旺旺昵称,咨询人数,接待人数,有效接待人数,3分钟人工响应率,平均响应时长(秒)";
        bed.Write("朵朵云旗舰店/客服数据_2026-03-01至2026-03-07.csv", $"""
            {header}
            小美,100,98,95,九成,35
            小王,80,80,78,96.5%,35
            """);
        bed.Write("朵朵云旗舰店/客服数据_2026-03-01至2026-03-07 (1).csv", $"""
            {header}
            小王,80,80,78,96.5%,35
            """);

        var reports = bed.Ingest();

        Loaded(reports.Single(r => r.File == "朵朵云旗舰店/客服数据_2026-03-01至2026-03-07 (1).csv"), "service-data", read: 1, loaded: 1, rejected: 0);
        var second = reports.Single(r => r.File == "朵朵云旗舰店/客服数据_2026-03-01至2026-03-07.csv");
        Assert.Equal((2L, 0L, 1L, 1L), (second.Read, second.Loaded, second.Duplicates, second.Rejected));
        var reject = Assert.Single(bed.Rejects("朵朵云旗舰店/客服数据_2026-03-01至2026-03-07.csv"));
        Assert.Equal(("taobao_manual_response_rate", "九成"), (reject.Column, reject.Value));
        Assert.Contains("is not a number, a rate", reject.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent_report_2026-03.csv", FileKind.AgentReport)]
    [InlineData("agent_report/赤兔.xlsx", FileKind.AgentReport)]
    [InlineData("agents_2026-03.csv", FileKind.Agents)]
    public void The_agent_report_kind_is_named_like_the_others(string path, FileKind kind) =>
        Assert.Equal(kind, Assert.IsType<ContractFile>(DataContract.Classify(path)).Kind);

    private static void WriteWorkbook(EtlTestBed bed, string name, string sheet, string[][] rows)
    {
        var path = Path.Combine(bed.Inbox, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var width = rows.Max(r => r.Length);
        var sheetRows = rows.Select(row => Enumerable.Range(0, width)
            .ToDictionary(i => ((char)('A' + i)).ToString(), i => (object?)(i < row.Length ? row[i] : null))).ToList();
        MiniExcel.SaveAs(path, new Dictionary<string, object> { [sheet] = sheetRows }, printHeader: false);
    }
}
