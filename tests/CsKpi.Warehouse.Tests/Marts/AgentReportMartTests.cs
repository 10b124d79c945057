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
}
