using System.Text;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Issue 16: agent performance reports feed the marts. A store with only report files gets agent, team and store days
/// (source report) with the metrics the reports carry and nothing else (empty, never 0), rates entering with the
/// counts they are rates of; a store with chats keeps CsKpi's own numbers; attendance fills an agent-day either way;
/// report nicks are matched to the roster. Every figure is worked by hand in the comments.
/// </summary>
public sealed class AgentReportMartTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    /// <summary>Writes a CS tool's report (UTF-8 CSV) into the store's inbox folder, its period in the name or its 日期.</summary>
    private void Report(string store, string name, params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(bed.Inbox, store));
        File.WriteAllText(Path.Combine(bed.Inbox, store, name), string.Join("\n", lines) + "\n", new UTF8Encoding(false));
    }

    // 千牛/拼多多 客服数据 with a 日期 column: one row per agent and day
    private const string ServiceData = "旺旺昵称,咨询人数,接待人数,未回复人数,有效接待人数,平均响应时长(秒),3分钟人工响应率,旺旺回复率,首次响应时长(秒),慢响应人数,答问比,日期";

    // 赤兔 售前 with a 日期 column
    private const string Presale = "客服,接待人数,询单人数,询单->最终付款人数,询单->最终付款成功率,客单价,销售额,日期";

    /// <summary>
    /// Roster of store RS: 小王 is registered as a bare 子账号, 小美 as RS:小美, 小李 under another shop prefix
    /// (旗舰:小李). The reports write 小王 (rule 1, the id itself), 小美 (rule 2, RS:小美), 别名:小李 (rule 3, the one
    /// roster id of RS with 子账号 小李) and 小赵, whom no roster names (RS:小赵, 未登记).
    /// </summary>
    private void ReportOnlyStore()
    {
        bed.Agents(
            "小王,王一,RS,一组,presale,2026-01-01,,L1,0.9,3000,2026-01-01",
            "RS:小美,美二,RS,一组,presale,2026-01-01,,L1,0.9,6000,2026-01-01",
            "旗舰:小李,李三,RS,二组,presale,2026-01-01,,L1,0.9,,2026-01-01");
        Report("RS", "客服数据_2026-03-02.csv",
            ServiceData,
            "小美,100,98,2,95,30,95%,98%,10,3,1.3,2026-03-02",
            "小王,50,40,-,-,--,-,90%,20,0,1.1,2026-03-02",
            "小赵,12,10,0,10,40,--,100%,15,1,1.0,2026-03-02");
        Report("RS", "售前绩效_2026-03-02.csv",
            Presale,
            "小美,98,20,-,50%,100,1000,2026-03-02",
            "别名:小李,30,10,4,40%,--,-,2026-03-02");
    }

    [Fact]
    public void Report_nicks_match_the_roster_by_id_by_store_prefix_by_sub_account_and_an_unknown_keeps_store_and_sub_account()
    {
        ReportOnlyStore();
        bed.Ingest();

        var ids = bed.Rows("select distinct agent_nick, agent_id from core.fct_agent_report order by agent_nick")
            .ToDictionary(r => (string)r["agent_nick"]!, r => (string)r["agent_id"]!);
        Assert.Equal("小王", ids["小王"]);
        Assert.Equal("RS:小美", ids["小美"]);
        Assert.Equal("旗舰:小李", ids["别名:小李"]);
        Assert.Equal("RS:小赵", ids["小赵"]);
        // the unknown account is an unknown member, like an unregistered chat account
        var unknown = bed.Agent("RS:小赵", "2026-03-02");
        Assert.Equal(("未登记", "未登记"), ((string)unknown["team"]!, (string)unknown["agent_name"]!));
        Assert.Equal("李三", bed.Agent("旗舰:小李", "2026-03-02")["agent_name"]);
    }

    [Fact]
    public void A_roster_that_names_a_nick_later_moves_its_earlier_report_days_to_the_roster_id()
    {
        // 小王's report of 03-02 comes before any roster: RS:小王, 未登记
        Report("RS", "客服数据_2026-03-02.csv", ServiceData, "小王,50,40,-,-,--,-,90%,20,0,1.1,2026-03-02");
        bed.Ingest();
        Assert.Equal(1L, bed.AgentRows("RS:小王", "2026-03-02"));

        // a roster of 04-01 (hired 03-20) registers him as 小王: its onward touch starts at 03-19, yet the 03-02 row moves too
        bed.Agents("小王,王一,RS,一组,presale,2026-03-20,,L1,0.9,3000,2026-04-01");
        bed.Ingest();
        Assert.Equal(0L, bed.AgentRows("RS:小王", "2026-03-02"));
        Assert.Equal(40.0, MartBed.Number(bed.Agent("小王", "2026-03-02"), "received_buyers"));
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from core.dim_agent where agent_id = 'RS:小王'"));
    }

    [Fact]
    public void A_report_only_store_gets_agent_team_and_store_days_with_rates_entering_with_their_counts_and_nothing_it_lacks()
    {
        ReportOnlyStore();
        bed.Ingest();

        // 小美: two reports of the day. 客服数据: 接待 98, 未回复 2 → replied 96 (the count beats 回复率 98%);
        // 平均响应 30 s × 98 = 2940 over 98; 首次响应 10 s × 98 = 980 over 98; 3分钟人工响应率 95% × 98 = 93.1 → 93 of 98.
        // 售前: 询单 20 × 50% = 10 paid; 销售额 1000 / 客单价 100 = 10 buyers. 接待 98 in both: the later load's wins.
        var mei = bed.Agent("RS:小美", "2026-03-02");
        Assert.Equal("report", mei["source"]);
        Assert.Equal("一组", mei["team"]);
        Assert.Equal(100.0, MartBed.Number(mei, "consult_buyers"));
        Assert.Equal(98.0, MartBed.Number(mei, "received_buyers"));
        Assert.Equal(96.0, MartBed.Number(mei, "replied_buyers"));
        Assert.Equal(2.0, MartBed.Number(mei, "unreplied_buyers"));
        Assert.Equal(96.0 / 98, MartBed.Number(mei, "reply_rate")!.Value, 9);
        Assert.Equal((98.0, 2940.0, 30.0), (MartBed.Number(mei, "answered_questions"), MartBed.Number(mei, "response_total_seconds"), MartBed.Number(mei, "avg_response_seconds")));
        Assert.Equal((98.0, 980.0, 10.0), (MartBed.Number(mei, "first_responses"), MartBed.Number(mei, "first_response_total_seconds"), MartBed.Number(mei, "first_response_seconds")));
        Assert.Equal((98.0, 93.0), (MartBed.Number(mei, "taobao_counted_buyers"), MartBed.Number(mei, "taobao_manual_3min_buyers")));
        Assert.Equal((20.0, 10.0, 0.5), (MartBed.Number(mei, "inquiry_buyers"), MartBed.Number(mei, "inquiry_paid_final"), MartBed.Number(mei, "final_conversion")));
        Assert.Equal((1000.0, 10.0, 100.0), (MartBed.Number(mei, "sales_amount"), MartBed.Number(mei, "sales_buyers"), MartBed.Number(mei, "aov")));
        Assert.Equal(3.0, MartBed.Number(mei, "slow_buyers"));
        // roi: 1000 / (6000 / 30)
        Assert.Equal(5.0, MartBed.Number(mei, "roi")!.Value, 9);
        // what no report of hers carries is empty, never 0, both parts of a ratio together
        foreach (var empty in new[] { "filtered_buyers", "buyer_messages", "agent_messages", "qa_ratio", "reception_seconds", "avg_reception_seconds",
                                      "sales_items", "items_per_buyer", "refund_amount", "inquiry_paid_next_day", "next_day_conversion",
                                      "rated_buyers", "satisfied_buyers", "satisfaction_rate", "assist_buyers", "attendance_days", "online_seconds" })
        {
            Assert.True(mei[empty] is null, $"{empty} is {mei[empty]}, expected empty");
        }

        // 小王: 回复率 90% × 40 = 36 replied, so 4 unreplied; 平均响应 -- : no response time at all; no sales.
        var wang = bed.Agent("小王", "2026-03-02");
        Assert.Equal((40.0, 36.0, 4.0), (MartBed.Number(wang, "received_buyers"), MartBed.Number(wang, "replied_buyers"), MartBed.Number(wang, "unreplied_buyers")));
        Assert.Equal(0.0, MartBed.Number(wang, "slow_buyers"));
        Assert.True(wang["answered_questions"] is null && wang["response_total_seconds"] is null && wang["avg_response_seconds"] is null);
        Assert.True(wang["taobao_counted_buyers"] is null && wang["taobao_manual_3min_buyers"] is null && wang["taobao_manual_response_rate"] is null);
        Assert.True(wang["sales_amount"] is null && wang["daily_cost"] is null && wang["roi"] is null);

        // 小李 (售前 only): 询单->最终付款人数 4 written beats 40% × 10; 客单价 -- and 销售额 -: no sales.
        var li = bed.Agent("旗舰:小李", "2026-03-02");
        Assert.Equal((30.0, 10.0, 4.0), (MartBed.Number(li, "received_buyers"), MartBed.Number(li, "inquiry_buyers"), MartBed.Number(li, "inquiry_paid_final")));
        Assert.True(li["consult_buyers"] is null && li["replied_buyers"] is null && li["reply_rate"] is null && li["sales_buyers"] is null);

        // 一组 = 小美 + 小王: received 138, replied 132; the response time is 小美's alone (小王 has none): 2940 / 98.
        var team = bed.Team("一组", "2026-03-02");
        Assert.Equal((138.0, 132.0), (MartBed.Number(team, "received_buyers"), MartBed.Number(team, "replied_buyers")));
        Assert.Equal(132.0 / 138, MartBed.Number(team, "reply_rate")!.Value, 9);
        Assert.Equal(30.0, MartBed.Number(team, "avg_response_seconds"));
        Assert.Equal(1000.0, MartBed.Number(team, "sales_amount"));
        Assert.True(team["filtered_buyers"] is null && team["qa_ratio"] is null);

        // The store: 98 + 40 + 10 + 30 received; consultations 100 + 50 + 12 (小李's report has none: summed over who has it);
        // filtered and messages known to no report: empty, not 0.
        var store = bed.Store("RS", "2026-03-02");
        Assert.Equal(178.0, MartBed.Number(store, "received_buyers"));
        Assert.Equal(162.0, MartBed.Number(store, "consult_buyers"));
        Assert.Equal(4.0, MartBed.Number(store, "agents"));
        Assert.True(store["filtered_buyers"] is null && store["buyer_messages"] is null && store["qa_ratio"] is null);
        Assert.Equal(14.0 / 30, MartBed.Number(store, "final_conversion")!.Value, 9);
    }

    [Fact]
    public void A_store_with_chats_keeps_its_numbers_and_a_report_of_the_same_day_only_adds_attendance()
    {
        // CS has one reception of 甲 on 03-02; its report says 50 receptions: CsKpi's 1 wins.
        bed.Chats("m1,CS,b1,CS:甲,buyer,2026-03-02 10:00:00,在吗", "m2,CS,b1,CS:甲,agent,2026-03-02 10:00:20,在的");
        Report("CS", "客服数据_2026-03-02.csv", ServiceData, "CS:甲,60,50,5,45,30,95%,90%,10,3,1.3,2026-03-02", "CS:乙,9,9,0,9,30,95%,100%,10,0,1.0,2026-03-02");
        // attendance (the contract's agent report: 赤兔 遵时率's codes): 甲 worked, as did 乙, who had no chats that day
        bed.Write("agent_report", "store_id,agent_nick,team,report_day,attendance_days,online_seconds,service_seconds,suspended_seconds,logins,first_login_time,last_online_time",
            "CS,CS:甲,,2026-03-02,1,28800,25200,1800,3,30600,63000",
            "CS,CS:乙,,2026-03-02,1,14400,,,1,32400,46800");
        bed.Ingest();

        var jia = bed.Agent("CS:甲", "2026-03-02");
        Assert.Equal("chats", jia["source"]);
        Assert.Equal((1.0, 1.0, 20.0), (MartBed.Number(jia, "received_buyers"), MartBed.Number(jia, "replied_buyers"), MartBed.Number(jia, "first_response_seconds")));
        Assert.Equal((1.0, 28800.0, 25200.0, 1800.0, 3.0), (MartBed.Number(jia, "attendance_days"), MartBed.Number(jia, "online_seconds"),
            MartBed.Number(jia, "service_seconds"), MartBed.Number(jia, "suspended_seconds"), MartBed.Number(jia, "logins")));
        // 平均上线时间 08:30 (30600 s after midnight) × 1 day; 平均最后在线时间 17:30
        Assert.Equal((30600.0, 63000.0), (MartBed.Number(jia, "first_login_total_seconds"), MartBed.Number(jia, "last_online_total_seconds")));

        // 乙 chatted with nobody in a store that has chats: 0 receptions (CsKpi knows), and the attendance the report gives
        var yi = bed.Agent("CS:乙", "2026-03-02");
        Assert.Equal("chats", yi["source"]);
        Assert.Equal(0.0, MartBed.Number(yi, "received_buyers"));
        Assert.Equal((14400.0, 32400.0), (MartBed.Number(yi, "online_seconds"), MartBed.Number(yi, "first_login_total_seconds")));
        Assert.True(yi["service_seconds"] is null);

        var team = bed.Team("未登记", "2026-03-02");
        Assert.Equal((1.0, 43200.0, 2.0), (MartBed.Number(team, "received_buyers"), MartBed.Number(team, "online_seconds"), MartBed.Number(team, "attendance_days")));
        Assert.Equal(1.0, MartBed.Number(bed.Store("CS", "2026-03-02"), "received_buyers"));
    }

    /// <summary>
    /// A whole-March 售前 report (no 日期: the period is the file name's) beside the daily ones of 03-02: 小王 and 小美
    /// have both, 小孙 (no roster: RS:小孙) only the month.
    /// </summary>
    private void MonthlyReport()
    {
        Report("RS", "售前绩效_2026-03-01至2026-03-31.csv",
            "客服,接待人数,询单人数,询单->最终付款人数,询单->最终付款成功率,客单价,销售额",
            "小王,800,200,60,30%,100,6000",
            "小美,2000,400,-,45%,120,24000",
            "小孙,100,50,10,20%,50,500");
    }

    [Fact]
    public void A_whole_month_report_fills_per_column_what_the_months_daily_rows_lack_and_is_never_split_into_days()
    {
        ReportOnlyStore();
        MonthlyReport();
        bed.Ingest();

        // the month row is kept as the range it is, with its sums and ratios
        var month = bed.Single("select * from marts.kpi_agent_report_period where agent_id = 'RS:小孙'");
        Assert.Equal((31.0, "report", "未登记"), (MartBed.Number(month, "days"), (string)month["source"]!, (string)month["team"]!));
        Assert.Equal((100.0, 50.0, 10.0, 0.2, 10.0), (MartBed.Number(month, "received_buyers"), MartBed.Number(month, "inquiry_buyers"),
            MartBed.Number(month, "inquiry_paid_final"), MartBed.Number(month, "final_conversion"), MartBed.Number(month, "sales_buyers")));
        Assert.Equal(0L, bed.AgentRows("RS:小孙", "2026-03-15"));

        var march = bed.Rows("select * from marts.kpi_agent_period('month', date '2026-03-01', date '2026-03-31')")
            .ToDictionary(r => (string)r["agent_id"]!);
        // 小王: the daily row's receptions (40, replied 36) win; the month report fills what no daily row of March has:
        // 询单 200, 60 paid (0.3), 销售额 6000 over 6000 / 100 = 60 buyers.
        var wang = march["小王"];
        Assert.Equal((40.0, 36.0, 0.9), (MartBed.Number(wang, "received_buyers"), MartBed.Number(wang, "replied_buyers"), MartBed.Number(wang, "reply_rate")));
        Assert.Equal((200.0, 60.0, 0.3), (MartBed.Number(wang, "inquiry_buyers"), MartBed.Number(wang, "inquiry_paid_final"), MartBed.Number(wang, "final_conversion")));
        Assert.Equal((6000.0, 60.0, 100.0), (MartBed.Number(wang, "sales_amount"), MartBed.Number(wang, "sales_buyers"), MartBed.Number(wang, "aov")));
        Assert.Equal(1.0, MartBed.Number(wang, "active_days"));
        // 小美's daily row has every one of those: the month report is not added on top (no double count)
        var mei = march["RS:小美"];
        Assert.Equal((98.0, 20.0, 10.0, 1000.0), (MartBed.Number(mei, "received_buyers"), MartBed.Number(mei, "inquiry_buyers"),
            MartBed.Number(mei, "inquiry_paid_final"), MartBed.Number(mei, "sales_amount")));
        // 小孙: the month alone, no active day
        var sun = march["RS:小孙"];
        Assert.Equal((100.0, 0.2, 0.0), (MartBed.Number(sun, "received_buyers"), MartBed.Number(sun, "final_conversion"), MartBed.Number(sun, "active_days")));
        Assert.True(sun["replied_buyers"] is null && sun["reply_rate"] is null);

        // a quarter is made of its months; a week is made of days only, so it never sees the month report
        var quarter = bed.Single("select * from marts.kpi_agent_period('quarter', date '2026-01-01', date '2026-03-31') where agent_id = '小王'");
        Assert.Equal((40.0, 200.0), (MartBed.Number(quarter, "received_buyers"), MartBed.Number(quarter, "inquiry_buyers")));
        var week = bed.Single("select * from marts.kpi_agent_period('week', date '2026-03-01', date '2026-03-31') where agent_id = '小王'");
        Assert.True(week["inquiry_buyers"] is null);
        Assert.Empty(bed.Rows("select * from marts.kpi_agent_period('week', date '2026-03-01', date '2026-03-31') where agent_id = 'RS:小孙'"));
        // a month cut short by the dates is not given the whole month's report
        Assert.Empty(bed.Rows("select * from marts.kpi_agent_period('month', date '2026-03-01', date '2026-03-20') where agent_id = 'RS:小孙'"));
        Assert.Empty(bed.Rows("select * from marts.kpi_agent_period('range', date '2026-03-01', date '2026-03-20') where agent_id = 'RS:小孙'"));
        // a range that holds the whole month (the agent page's chosen dates) is given it, as the month grain is
        var range = bed.Single("select * from marts.kpi_agent_period('range', date '2026-02-15', date '2026-04-10') where agent_id = 'RS:小孙'");
        Assert.Equal((100.0, 0.2, "2026-02-15~2026-04-10"), (MartBed.Number(range, "received_buyers"), MartBed.Number(range, "final_conversion"), (string)range["period"]!));
        var wangRange = bed.Single("select * from marts.kpi_agent_period('range', date '2026-03-01', date '2026-03-31') where agent_id = '小王'");
        Assert.Equal((40.0, 200.0), (MartBed.Number(wangRange, "received_buyers"), MartBed.Number(wangRange, "inquiry_buyers")));

        // teams and the store are the sums of their agents' months. 一组 = 小美 (98 received, 20 inquiries, 10 paid,
        // 1000 sales over 10 buyers) + 小王 (40; the month report's 200, 60, 6000 over 60): 138, 220, 70, 7000 / 70.
        var teams = bed.Rows("select * from marts.kpi_team_period('month', date '2026-03-01', date '2026-03-31')")
            .ToDictionary(r => (string)r["team"]!);
        Assert.Equal((138.0, 220.0, 70.0, 7000.0, 100.0), (MartBed.Number(teams["一组"], "received_buyers"), MartBed.Number(teams["一组"], "inquiry_buyers"),
            MartBed.Number(teams["一组"], "inquiry_paid_final"), MartBed.Number(teams["一组"], "sales_amount"), MartBed.Number(teams["一组"], "aov")));
        Assert.Equal(70.0 / 220, MartBed.Number(teams["一组"], "final_conversion")!.Value, 9);
        // 未登记 = 小赵 (10 received, no inquiry figure) + 小孙 (the month alone: 100, 50, 10): 110, 50, 10
        Assert.Equal((110.0, 50.0, 10.0, 1.0), (MartBed.Number(teams["未登记"], "received_buyers"), MartBed.Number(teams["未登记"], "inquiry_buyers"),
            MartBed.Number(teams["未登记"], "inquiry_paid_final"), MartBed.Number(teams["未登记"], "active_days")));
        // the store: + 二组's 小李 (30, 10, 4): 278 received, 280 inquiries, 84 paid, 7500 sales
        var store = bed.Single("select * from marts.kpi_store_period('month', date '2026-03-01', date '2026-03-31') where store_id = 'RS'");
        Assert.Equal((278.0, 280.0, 84.0, 7500.0), (MartBed.Number(store, "received_buyers"), MartBed.Number(store, "inquiry_buyers"),
            MartBed.Number(store, "inquiry_paid_final"), MartBed.Number(store, "sales_amount")));
        // a week: days only (一组's 03-02: 138 received, 小美's 20 inquiries)
        var teamWeek = bed.Single("select * from marts.kpi_team_period('week', date '2026-03-01', date '2026-03-31') where team = '一组'");
        Assert.Equal((138.0, 20.0), (MartBed.Number(teamWeek, "received_buyers"), MartBed.Number(teamWeek, "inquiry_buyers")));
    }

    [Fact]
    public void A_report_only_store_gets_monthly_rankings_scorecards_and_bonuses()
    {
        ReportOnlyStore();
        MonthlyReport();
        bed.Ingest();

        // final_conversion in March: 小王 60/200 = 0.3, 小孙 10/50 = 0.2; 小美 (20 inquiries) and 小李 (10) are small samples
        var ranks = bed.Rows("""
            select agent_id, store_rank, is_small_sample from marts.agent_ranking('month', date '2026-03-01', date '2026-03-31')
            where metric = 'final_conversion'
            """).ToDictionary(r => (string)r["agent_id"]!);
        Assert.Equal(1.0, MartBed.Number(ranks["小王"], "store_rank"));
        Assert.Equal(2.0, MartBed.Number(ranks["RS:小孙"], "store_rank"));
        Assert.True((bool)ranks["RS:小美"]["is_small_sample"]!);

        // 小王's March scorecard (the default items; sum targets × 31/30; cap 1.15):
        //   final_conversion 0.3 / 0.5 → 25 × 0.6 = 15; sales_amount 6000 / 103333.33 → 15 × 0.0580645161 = 0.8709677419;
        //   aov 100 / 200 → 15 × 0.5 = 7.5; reply_rate 0.9 → 9; first_response_seconds 800 / 40 = 20 s, target 20 → 10;
        //   avg_response_seconds, qa_ratio, assist_buyers, satisfaction_rate carried by no report: empty → 0.
        //   total 42.3709677419 → D
        var card = bed.Single("select * from marts.scorecard_monthly where agent_id = '小王' and month = '2026-03'");
        Assert.Equal(42.3709677419, MartBed.Number(card, "total")!.Value, 8);
        Assert.Equal("D", card["grade"]);
        // 小孙 has a scorecard from the month report alone: 10 + 15 × 500 / 103333.33 + 15 × 0.25 = 13.8225806452
        Assert.Equal(13.8225806452, MartBed.Number(bed.Single("select * from marts.scorecard_monthly where agent_id = 'RS:小孙'"), "total")!.Value, 8);

        // the bonus: L1's base 1000 × 小王's coefficient 0.9 × 42.3709677419 / 100 = 381.34
        var bonus = bed.Single("select * from marts.bonus_monthly where agent_id = '小王' and month = '2026-03'");
        Assert.Equal(("L1", 381.34), ((string)bonus["level"]!, MartBed.Number(bonus, "bonus")!.Value));
    }
}
