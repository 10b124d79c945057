using System.Text;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Issue 16: the 赤兔 遵时率 (attendance) report as it is downloaded (layout chitu-attendance, GBK) gives the attendance
/// ratios — mean first log-in and last online (times of day), online time a day, service share — as ratios of sums at
/// agent and team level, a whole-month download included; and the agents online by hour (marts.hourly_online, an
/// estimate from first log-in to last online). Every figure is worked by hand in the comments.
/// </summary>
public sealed class AttendanceTests : IDisposable
{
    private const string Header = "日期,客服,旺旺,上班天数,平均上线时间,平均最后在线时间,最早上线,最晚在线,总登录次数,日均登录次数,"
        + "在线总时长,在线总时长(秒),服务总时长,服务总时长(秒),挂起总时长,挂起总时长(秒)";

    private static readonly Encoding Gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

    private readonly MartBed bed = new();

    public AttendanceTests()
    {
        // 甲 and 乙 in 一组 download a report per day; 丙 of 二组 only a whole month.
        bed.Agents(
            "S:甲,甲,S,一组,presale,2026-01-01,,L1,0.9,,2026-01-01",
            "S:乙,乙,S,一组,presale,2026-01-01,,L1,0.9,,2026-01-01",
            "S:丙,丙,S,二组,presale,2026-01-01,,L1,0.9,,2026-01-01");
        Report("遵时率_2026-03-02至2026-03-03.csv",
            Header,
            "2026-03-02,张甲,S:甲,1,8:30,17:30,08:30,17:30,1,1,9:00:00,32400,8:00:00,28800,0:10:00,600",
            "2026-03-03,张甲,S:甲,1,9:00,18:00,09:00,18:00,2,2,9:00:00,32400,6:00:00,21600,0:00:00,0",
            "2026-03-02,李乙,S:乙,1,13:00,22:00,13:00,22:00,1,1,9:00:00,32400,4:30:00,16200,0:20:00,1200");
        // A whole month: 丙 worked 20 days, 10:00 to 19:00 on average. 甲's month row is there too, and loses to his days.
        Report("遵时率_2026-03-01至2026-03-31.csv",
            Header.Replace("日期,", "", StringComparison.Ordinal),
            "王丙,S:丙,20,10:00,19:00,09:40,19:30,20,1,180:00:00,648000,90:00:00,324000,--,--",
            "张甲,S:甲,20,7:00,23:00,07:00,23:00,20,1,320:00:00,1152000,300:00:00,1080000,--,--");
        // 乙 chats on 03-04, a day no attendance report covers.
        bed.Chats("m1,S,b1,S:乙,buyer,2026-03-04 10:00:00,在吗", "m2,S,b1,S:乙,agent,2026-03-04 10:00:20,在的");
        bed.Ingest();
    }

    public void Dispose() => bed.Dispose();

    private void Report(string name, params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(bed.Inbox, "S"));
        File.WriteAllText(Path.Combine(bed.Inbox, "S", name), string.Join("\r\n", lines) + "\r\n", Gbk);
    }

    private IReadOnlyDictionary<string, object?> AgentRange(string agent, string from, string to) => bed.Single(
        "select * from marts.kpi_agent_period('range', $from::date, $to::date) where agent_id = $agent", new { agent, from, to });

    [Fact]
    public void The_ratios_are_ratios_of_the_attendance_sums_for_an_agent_and_a_team()
    {
        // 甲 over 03-02..03-03: log-in 08:30 and 09:00 → (30600 + 32400) / 2 = 31500 (08:45); last online 17:30 and
        // 18:00 → (63000 + 64800) / 2 = 63900; online 64800 / 2 days = 32400 a day; service (28800 + 21600) / 64800.
        var jia = AgentRange("S:甲", "2026-03-02", "2026-03-03");
        Assert.Equal((2.0, 31500.0, 63900.0, 32400.0), (MartBed.Number(jia, "attendance_days"), MartBed.Number(jia, "first_login_time"),
            MartBed.Number(jia, "last_online_time"), MartBed.Number(jia, "online_per_day")));
        Assert.Equal(50400.0 / 64800, MartBed.Number(jia, "service_share")!.Value, 9);

        // 一组 adds 乙's day (13:00): (30600 + 32400 + 46800) / 3 = 36600 (10:10); service (50400 + 16200) / 97200.
        var team = bed.Single("select * from marts.kpi_team_period('range', date '2026-03-02', date '2026-03-03') where team = '一组'");
        Assert.Equal((3.0, 36600.0), (MartBed.Number(team, "attendance_days"), MartBed.Number(team, "first_login_time")));
        Assert.Equal(66600.0 / 97200, MartBed.Number(team, "service_share")!.Value, 9);
    }

    [Fact]
    public void A_whole_month_download_gives_the_month_s_attendance_and_an_agent_without_a_report_has_none()
    {
        // 丙's only figures are the month's: 20 days, 10:00 (36000) and 19:00 (68400), 648000 / 20 = 32400 a day, 50 %.
        var bing = bed.Single("select * from marts.kpi_agent_period('month', date '2026-03-01', date '2026-03-31') where agent_id = 'S:丙'");
        Assert.Equal((20.0, 36000.0, 68400.0, 32400.0, 0.5), (MartBed.Number(bing, "attendance_days"), MartBed.Number(bing, "first_login_time"),
            MartBed.Number(bing, "last_online_time"), MartBed.Number(bing, "online_per_day"), MartBed.Number(bing, "service_share")));

        // 乙 on 03-04: a reception, but no report, so no attendance at all — empty, never 0.
        var yi = AgentRange("S:乙", "2026-03-04", "2026-03-04");
        Assert.Equal(1.0, MartBed.Number(yi, "received_buyers"));
        Assert.True(yi["attendance_days"] is null && yi["online_seconds"] is null && yi["first_login_time"] is null && yi["service_share"] is null);
    }

    [Fact]
    public void Agents_online_by_hour_spread_each_shift_over_its_hours_and_a_month_row_counts_only_without_day_rows()
    {
        // 03-02..03-03: the store has attendance on 2 days. 一组's shifts: 甲 08:30–17:30 and 09:00–18:00, 乙 13:00–22:00
        // (甲's month row is ignored: he has day rows). 二组: 丙's month shift 10:00–19:00 for 20 × 2/31 of the days.
        var online = bed.Rows("select team, hour, days, agents_online from marts.hourly_online(date '2026-03-02', date '2026-03-03') order by team, hour")
            .ToDictionary(r => ((string)r["team"]!, (int)r["hour"]!), r => (double)r["agents_online"]!);

        Assert.Equal([2L], bed.Rows("select distinct days from marts.hourly_online(date '2026-03-02', date '2026-03-03')").Select(r => (long)r["days"]!));
        Assert.Equal(48, online.Count);
        Assert.Equal(0.0, online[("一组", 7)]);
        Assert.Equal(1800.0 / 3600 / 2, online[("一组", 8)], 9);       // 甲's half hour on 03-02
        Assert.Equal(1.0, online[("一组", 9)], 9);                    // 甲 both days
        Assert.Equal(1.5, online[("一组", 13)], 9);                   // 甲 both days, 乙 one
        Assert.Equal((1800.0 + 3600 + 3600) / 3600 / 2, online[("一组", 17)], 9);
        Assert.Equal(0.5, online[("一组", 21)], 9);
        Assert.Equal(0.0, online[("一组", 22)]);
        Assert.Equal(20.0 * 2 / 31 / 2, online[("二组", 10)], 9);
        Assert.Equal(0.0, online[("二组", 9)]);
        Assert.Equal(0.0, online[("二组", 19)]);
    }
}
