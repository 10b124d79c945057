namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Taobao/Tmall 3分钟人工响应率 (taobao_manual_response_rate), worked by hand.</summary>
public sealed class TaobaoManualResponseTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void Counts_first_questions_a_person_answered_within_3_minutes_of_consultations_begun_08_to_24()
    {
        // Store T is on Taobao, store O on no platform with such a metric (other). Defaults: hours 08:00-24:00, 180 s.
        // t1 08:00:00 (the window's first second: counted) → agent 08:03:00 = 180 s exactly: answered in time.
        // t2 07:59:59 (before 08:00: not counted), answered 08:00:10.
        // t3 10:00:00 → auto 10:00:05 (not a person) → agent 10:03:01 = 181 s: counted, late.
        // t4 12:00:00 → only an auto reply: counted, never answered by a person.
        // t5 23:59:30 → agent 23:59:50 = 20 s: counted (24:00 ends the window), in time.
        // t6 09:00:00 "加微信" only: filtered as an ad, not a reception, so not counted.
        // counted = t1, t3, t4, t5 = 4; in 3 minutes = t1, t5 = 2 (rate 0.5).
        bed.OnPlatform("T", "taobao");
        bed.Chats(
            "m01,T,t1,A1,buyer,2026-03-02 08:00:00,在吗",
            "m02,T,t1,A1,agent,2026-03-02 08:03:00,在的",
            "m03,T,t2,A1,buyer,2026-03-02 07:59:59,有货吗",
            "m04,T,t2,A1,agent,2026-03-02 08:00:10,有",
            "m05,T,t3,A1,buyer,2026-03-02 10:00:00,发什么快递",
            "m06,T,t3,A1,auto,2026-03-02 10:00:05,您好，客服马上来",
            "m07,T,t3,A1,agent,2026-03-02 10:03:01,中通",
            "m08,T,t4,A1,buyer,2026-03-02 12:00:00,人呢",
            "m09,T,t4,A1,auto,2026-03-02 12:00:01,您好，客服马上来",
            "m10,T,t5,A1,buyer,2026-03-02 23:59:30,还在吗",
            "m11,T,t5,A1,agent,2026-03-02 23:59:50,在",
            "m12,T,t6,A1,buyer,2026-03-02 09:00:00,加微信",
            "m13,O,o1,B1,buyer,2026-03-02 10:00:00,在吗",
            "m14,O,o1,B1,agent,2026-03-02 10:00:10,在");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(4, MartBed.Number(row, "taobao_counted_buyers"));
        Assert.Equal(2, MartBed.Number(row, "taobao_manual_3min_buyers"));
        // The other platforms' sums are empty for a Taobao store, never 0.
        Assert.Null(MartBed.Number(row, "jd_counted_sessions"));
        Assert.Null(MartBed.Number(row, "pdd_counted_buyers"));

        // A store of another platform: empty, never 0, though its buyer was answered in 10 s at 10:00.
        var other = bed.Agent("B1", "2026-03-02");
        Assert.Null(MartBed.Number(other, "taobao_counted_buyers"));
        Assert.Null(MartBed.Number(other, "taobao_manual_3min_buyers"));
        Assert.Null(MartBed.Number(other, "taobao_manual_response_rate"));

        // The rate at every level: agent, team, store, month; store O empty at every level.
        Assert.Equal(0.5, MartBed.Number(row, "taobao_manual_response_rate"));
        var team = bed.Single("select * from marts.kpi_team_daily where store_id = 'T' and business_day = date '2026-03-02'");
        Assert.Equal(4, MartBed.Number(team, "taobao_counted_buyers"));
        Assert.Equal(0.5, MartBed.Number(team, "taobao_manual_response_rate"));
        Assert.Equal(0.5, MartBed.Number(bed.Store("T", "2026-03-02"), "taobao_manual_response_rate"));
        var month = bed.Single("select * from marts.kpi_store_period('month', date '2026-03-01', date '2026-03-31') where store_id = 'T'");
        Assert.Equal(2, MartBed.Number(month, "taobao_manual_3min_buyers"));
        Assert.Equal(0.5, MartBed.Number(month, "taobao_manual_response_rate"));
        Assert.Null(MartBed.Number(bed.Store("O", "2026-03-02"), "taobao_manual_response_rate"));
        Assert.Null(MartBed.Number(bed.Store("O", "2026-03-02"), "taobao_counted_buyers"));
        var otherMonth = bed.Single("select * from marts.kpi_store_period('month', date '2026-03-01', date '2026-03-31') where store_id = 'O'");
        Assert.Null(MartBed.Number(otherMonth, "taobao_counted_buyers"));
        Assert.Null(MartBed.Number(otherMonth, "taobao_manual_response_rate"));
    }

    [Fact]
    public void Tmall_follows_the_rule_and_a_store_changes_its_hours_and_threshold_from_a_day_on()
    {
        // Store M is on Tmall. From 03-03 it counts 08:00-23:00 and 60 s (its own settings); 03-02 keeps the defaults.
        // count_auto_replies = true changes the ordinary metrics, never this one: an auto reply is not a person.
        // 03-02: m1 23:30:00 → agent 23:31:00 = 60 s: counted and in time (08:00-24:00, 180 s).
        //        m2 10:00:00 → auto 10:00:02, agent 10:02:00 = 120 s: counted, in time (≤ 180 s); its
        //        first_response_seconds is 2 (the auto reply counts there), the person's is 120.
        //        → counted 2, in time 2.
        // 03-03: m3 23:30:00: after 23:00, not counted. m4 10:00:00 → agent 10:01:00 = 60 s: in time (≤ 60 s).
        //        m5 11:00:00 → agent 11:01:01 = 61 s: late. m6 11:30:00 → agent 11:32:00 = 120 s: late.
        //        → counted 3 (m4, m5, m6), in time 1.
        // The month: 3 in time of 5 = 0.6, the ratio of the summed parts (the mean of the days' 1 and 1/3 would be 2/3).
        bed.OnPlatform("M", "tmall");
        bed.Setting("count_auto_replies", "true", "2026-03-01");
        bed.Setting("taobao_response_hours", "08:00-23:00", "2026-03-03", store: "M");
        bed.Setting("taobao_response_seconds", "60", "2026-03-03", store: "M");
        bed.Chats(
            "n01,M,m1,A1,buyer,2026-03-02 23:30:00,在吗",
            "n02,M,m1,A1,agent,2026-03-02 23:31:00,在",
            "n03,M,m2,A1,buyer,2026-03-02 10:00:00,在吗",
            "n04,M,m2,A1,auto,2026-03-02 10:00:02,您好，客服马上来",
            "n05,M,m2,A1,agent,2026-03-02 10:02:00,在",
            "n06,M,m3,A1,buyer,2026-03-03 23:30:00,在吗",
            "n07,M,m3,A1,agent,2026-03-03 23:30:10,在",
            "n08,M,m4,A1,buyer,2026-03-03 10:00:00,在吗",
            "n09,M,m4,A1,agent,2026-03-03 10:01:00,在",
            "n10,M,m5,A1,buyer,2026-03-03 11:00:00,在吗",
            "n11,M,m5,A1,agent,2026-03-03 11:01:01,在",
            "n12,M,m6,A1,buyer,2026-03-03 11:30:00,在吗",
            "n13,M,m6,A1,agent,2026-03-03 11:32:00,在");
        bed.Ingest();

        var before = bed.Agent("A1", "2026-03-02");
        Assert.Equal(2, MartBed.Number(before, "taobao_counted_buyers"));
        Assert.Equal(2, MartBed.Number(before, "taobao_manual_3min_buyers"));
        Assert.Equal((2 + 60) / 2.0, MartBed.Number(before, "first_response_seconds"));

        var after = bed.Agent("A1", "2026-03-03");
        Assert.Equal(3, MartBed.Number(after, "taobao_counted_buyers"));
        Assert.Equal(1, MartBed.Number(after, "taobao_manual_3min_buyers"));
        Assert.Equal(1.0 / 3.0, MartBed.Number(after, "taobao_manual_response_rate")!.Value, 6);

        var month = bed.Single("select * from marts.kpi_agent_period('month', date '2026-03-01', date '2026-03-31') where agent_id = 'A1'");
        Assert.Equal(5, MartBed.Number(month, "taobao_counted_buyers"));
        Assert.Equal(0.6, MartBed.Number(month, "taobao_manual_response_rate")!.Value, 6);
    }
}
