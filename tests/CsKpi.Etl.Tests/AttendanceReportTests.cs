using CsKpi.Etl.Tests.Support;
using MiniExcelLibs;

namespace CsKpi.Etl.Tests;

/// <summary>
/// Issue 16: 赤兔's 遵时率 (attendance) report loads into raw.agent_report as layout chitu-attendance. The agent is the
/// nick in 旺旺 (客服 is the person's name and is not kept); each time is written as a duration and again in seconds
/// (X and X(秒)), and the seconds win; 平均上线时间 and 平均最后在线时间 are times of day (form clock), kept as seconds
/// after midnight. Hand-made files carry every form: durations 0:08:35, 8:35 (mm:ss), 515, 8小时35分10秒 and an Excel
/// duration cell; times of day 8:35, 08:35:10, a moment and an Excel time cell; -- and - for empty.
/// </summary>
public sealed class AttendanceReportTests
{
    private const string Header =
        "客服,旺旺,上班天数,平均上线时间,平均最后在线时间,最早上线,最晚在线,总登录次数,日均登录次数,"
        + "在线总时长,在线总时长(秒),平均日在线时长,平均日在线时长(秒),服务总时长,服务总时长(秒),平均日服务时长,平均日服务时长(秒),"
        + "挂起总时长,挂起总时长(秒),平均日挂起时长,平均日挂起时长(秒)";

    private static Dictionary<string, double?> Figures(EtlTestBed bed, string agent) =>
        bed.Query<(string Metric, double? Value)>("select metric, value from raw.agent_report where agent_nick = $agent", new { agent })
            .ToDictionary(f => f.Metric, f => f.Value);

    [Fact]
    public void A_gbk_month_report_takes_its_period_from_the_name_reads_the_seconds_columns_and_times_of_day_and_rejects_汇总()
    {
        using var bed = new EtlTestBed();
        const string name = "朵朵云旗舰店/遵时率_2026-03-01至2026-03-31.csv";
        bed.Write(name, $"""
            {Header}
            张美丽,朵朵云旗舰店:小美,22,8:35,18:05:30,08:01:10,2026-03-20 22:10:00,44,2,198:00:00,712800,9:00:00,32400,150:00:00,540000,6:49:05,24545,0:08:35,515,0:00:23,23
            王小王,小王,20,08:50:10,17:59,--,-,20,1,160:00:00,576000,8:00:00,--,120:00:00,"432,000",6:00:00,21600,8:35,515,0:00:25,25
            汇总,,42,8:42,18:02,08:01:10,22:10:00,64,1.5,358:00:00,1288800,8:31:25,30685,270:00:00,972000,6:25:43,23143,0:17:10,1030,0:00:24,24
            """, EtlTestBed.Gbk);

        var report = bed.IngestOne(name);

        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.Outcome} {report.Reason}");
        Assert.Equal(("agent_report", "chitu-attendance"), (report.Kind, report.Layout));
        Assert.Equal((3L, 2L, 1L), (report.Read, report.Loaded, report.Rejected));
        Assert.Contains("summary row (汇总)", Assert.Single(bed.Rejects(name)).Reason, StringComparison.Ordinal);
        Assert.Equal([(new DateTime(2026, 3, 1), new DateTime(2026, 3, 31))],
            bed.Query<(DateTime, DateTime)>("select distinct period_from, period_to from raw.agent_report"));

        var mei = Figures(bed, "朵朵云旗舰店:小美");
        // 13 figures: 客服 (a name) is not one, and each duration beside its (秒) column is the same figure, dropped.
        Assert.Equal(
            new Dictionary<string, double?>
            {
                ["attendance_days"] = 22, ["first_login_time"] = (8 * 3600) + (35 * 60), ["last_online_time"] = (18 * 3600) + (5 * 60) + 30,
                ["earliest_login_time"] = (8 * 3600) + 60 + 10, ["latest_online_time"] = (22 * 3600) + (10 * 60), ["logins"] = 44,
                ["logins_per_day"] = 2, ["online_seconds"] = 712800, ["online_per_day"] = 32400, ["service_seconds"] = 540000,
                ["service_per_day"] = 24545, ["suspended_seconds"] = 515, ["suspended_per_day"] = 23,
            },
            mei);

        var wang = Figures(bed, "小王");
        Assert.Equal(13, wang.Count);
        Assert.Equal((8 * 3600) + (50 * 60) + 10, wang["first_login_time"]);
        Assert.Equal((17 * 3600) + (59 * 60), wang["last_online_time"]);
        Assert.Equal(432000, wang["service_seconds"]);
        // -- and - are empty, never 0; an empty (秒) column is not filled from the duration beside it.
        Assert.Null(wang["earliest_login_time"]);
        Assert.Null(wang["latest_online_time"]);
        Assert.Null(wang["online_per_day"]);
    }

    [Fact]
    public void A_workbook_with_a_日期_column_and_durations_only_reads_every_duration_and_time_of_day_form()
    {
        using var bed = new EtlTestBed(store: "朵朵云旗舰店");
        const string name = "遵时率.xlsx";
        WriteWorkbook(bed, name,
        [
            ["日期", "客服", "旺旺", "上班天数", "平均上线时间", "平均最后在线时间", "最早上线", "最晚在线", "总登录次数", "日均登录次数",
                "总在线时长", "日均在线时长", "服务时长", "日均服务时长", "挂起时长", "日均挂起时长"],
            // A time of day as a number (a time cell whose format was lost: a fraction of a day), a moment cell, and an
            // Excel duration cell of a day and 9:35:10 as the workbook reader writes it: a moment after Excel's day zero.
            ["2026-03-02", "张美丽", "小美", 1, 0.3576388888888889, "18:05", new DateTime(2026, 3, 2, 8, 35, 10), "18:05:00", 2, 2,
                "1899-12-31 09:35:10", "9:35:10", "8小时35分10秒", "8小时35分10秒", "0:08:35", "0:08:35"],
            ["2026-03-03", "张美丽", "小美", 1, "08:35:10", "--", "08:35:10", "-", 1, 1, "34510", "34510秒", "515", "515", "8:35", "8:35"],
        ]);

        var report = bed.IngestOne(name);

        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.Outcome} {report.Reason} {string.Join("; ", bed.Rejects(name).Select(r => r.Reason))}");
        Assert.Equal(("chitu-attendance", 2L, 0L), (report.Layout, report.Loaded, report.Rejected));
        var days = bed.Query<(DateTime Day, string Metric, double? Value)>("""
            select period_from, metric, value from raw.agent_report where agent_nick = '小美' and period_to = period_from
            """).ToLookup(f => DateOnly.FromDateTime(f.Day));
        var second = days[new DateOnly(2026, 3, 2)].ToDictionary(f => f.Metric, f => f.Value);
        var third = days[new DateOnly(2026, 3, 3)].ToDictionary(f => f.Metric, f => f.Value);

        Assert.Equal((8 * 3600) + (35 * 60), second["first_login_time"]);
        Assert.Equal((18 * 3600) + (5 * 60), second["last_online_time"]);
        Assert.Equal((8 * 3600) + (35 * 60) + 10, second["earliest_login_time"]);
        Assert.Equal((8 * 3600) + (35 * 60) + 10, third["first_login_time"]);
        Assert.Null(third["last_online_time"]);
        Assert.Null(third["latest_online_time"]);
        Assert.Equal(86400 + 34510, second["online_seconds"]);
        Assert.Equal(34510, third["online_seconds"]);
        foreach (var day in new[] { second, third })
        {
            Assert.Equal(34510, day["online_per_day"]);
            Assert.Equal(515, day["suspended_seconds"]);
            Assert.Equal(515, day["suspended_per_day"]);
        }

        Assert.Equal(30910, second["service_seconds"]);
        Assert.Equal(515, third["service_seconds"]);
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from raw.agent_report where metric = '客服'"));
    }

    [Fact]
    public void A_time_of_day_that_is_no_time_rejects_its_row_naming_the_column()
    {
        using var bed = new EtlTestBed(store: "朵朵云旗舰店");
        const string name = "遵时率_20260301_20260331.csv";
        bed.Write(name, """
            客服,旺旺,上班天数,平均上线时间,平均最后在线时间,最早上线,最晚在线,总登录次数
            张美丽,小美,22,早上,18:05,08:01,22:10,44
            王小王,小王,20,8:61,18:05,08:01,22:10,20
            """);

        var report = bed.IngestOne(name);

        Assert.Equal((2L, 0L, 2L), (report.Read, report.Loaded, report.Rejected));
        Assert.Equal([("first_login_time", "早上"), ("first_login_time", "8:61")],
            bed.Rejects(name).OrderBy(r => r.Line).Select(r => (r.Column, r.Value)));
    }

    private static void WriteWorkbook(EtlTestBed bed, string name, object[][] rows)
    {
        var path = Path.Combine(bed.Inbox, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var width = rows.Max(r => r.Length);
        var sheetRows = rows.Select(row => Enumerable.Range(0, width)
            .ToDictionary(i => ((char)('A' + i)).ToString(), i => i < row.Length ? row[i] : null)).ToList();
        MiniExcel.SaveAs(path, new Dictionary<string, object> { ["遵时率"] = sheetRows }, printHeader: false);
    }
}
