namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Pinduoduo 有效回复率 (pdd_effective_reply_rate) and its 5-, 15- and 60-minute reply rates (pdd_reply_5min_rate, …),
/// worked by hand.
/// </summary>
public sealed class PddReplyTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void A_buyer_is_unanswered_when_any_message_waits_over_an_hour_and_the_first_reply_sets_the_minute_rates()
    {
        // Store P on Pinduoduo, hours 08:00-23:00, unanswered after 3600 s, tiers 300 / 900 / 3600 s (first question).
        // p1 08:00:00 → agent 08:04:59 (299 s); 09:00:00 → agent 10:00:00 (3600 s exactly: not over an hour).
        //    counted; effective; 5, 15 and 60 min.
        // p2 07:59:00 → agent 08:30:00: first message before 08:00, not counted.
        // p3 10:00:00 → agent 10:05:00 (300 s exactly); 11:00:00, 11:10:00 → agent 12:00:01: the 11:00:00 message
        //    waited 3601 s. counted; not effective; 5, 15 and 60 min.
        // p4 13:00:00 → auto 13:00:02 (not a person) → agent 13:15:00 (900 s). counted; effective; 15 and 60 min.
        // p5 14:00:00 → agent 14:59:00 (3540 s); 15:00:00 never answered. counted; not effective; 60 min only.
        // p6 22:50:00 → agent 22:52:00 (120 s); 23:10:00 unanswered, but sent after 23:00 it does not count.
        //    counted; effective; 5, 15 and 60 min.
        // p7 23:00:00 → agent 23:01:00: begun at 23:00, not counted.
        // counted 5 (p1 p3 p4 p5 p6); effective 3 (p1 p4 p6); 5 min 3 (p1 p3 p6); 15 min 4 (+p4); 60 min 5 (+p5).
        // Store O (other): every PDD sum empty.
        bed.OnPlatform("P", "pdd");
        bed.Chats(
            "m01,P,p1,A1,buyer,2026-03-02 08:00:00,在吗",
            "m02,P,p1,A1,agent,2026-03-02 08:04:59,在的",
            "m03,P,p1,A1,buyer,2026-03-02 09:00:00,能便宜吗",
            "m04,P,p1,A1,agent,2026-03-02 10:00:00,不能哦",
            "m05,P,p2,A1,buyer,2026-03-02 07:59:00,在吗",
            "m06,P,p2,A1,agent,2026-03-02 08:30:00,在",
            "m07,P,p3,A1,buyer,2026-03-02 10:00:00,有货吗",
            "m08,P,p3,A1,agent,2026-03-02 10:05:00,有",
            "m09,P,p3,A1,buyer,2026-03-02 11:00:00,几天到",
            "m10,P,p3,A1,buyer,2026-03-02 11:10:00,人呢",
            "m11,P,p3,A1,agent,2026-03-02 12:00:01,两天",
            "m12,P,p4,A1,buyer,2026-03-02 13:00:00,包邮吗",
            "m13,P,p4,A1,auto,2026-03-02 13:00:02,您好，客服马上来",
            "m14,P,p4,A1,agent,2026-03-02 13:15:00,包邮",
            "m15,P,p5,A1,buyer,2026-03-02 14:00:00,在吗",
            "m16,P,p5,A1,agent,2026-03-02 14:59:00,在",
            "m17,P,p5,A1,buyer,2026-03-02 15:00:00,发货了吗",
            "m18,P,p6,A1,buyer,2026-03-02 22:50:00,在吗",
            "m19,P,p6,A1,agent,2026-03-02 22:52:00,在",
            "m20,P,p6,A1,buyer,2026-03-02 23:10:00,好的",
            "m21,P,p7,A1,buyer,2026-03-02 23:00:00,在吗",
            "m22,P,p7,A1,agent,2026-03-02 23:01:00,在",
            "m23,O,o1,B1,buyer,2026-03-02 10:00:00,在吗",
            "m24,O,o1,B1,agent,2026-03-02 10:00:10,在");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(5, MartBed.Number(row, "pdd_counted_buyers"));
        Assert.Equal(3, MartBed.Number(row, "pdd_effective_reply_buyers"));
        Assert.Equal(3, MartBed.Number(row, "pdd_reply_5min_buyers"));
        Assert.Equal(4, MartBed.Number(row, "pdd_reply_15min_buyers"));
        Assert.Equal(5, MartBed.Number(row, "pdd_reply_60min_buyers"));
        Assert.Equal(0.6, MartBed.Number(row, "pdd_effective_reply_rate")!.Value, 6);
        Assert.Equal(0.6, MartBed.Number(row, "pdd_reply_5min_rate")!.Value, 6);
        Assert.Equal(0.8, MartBed.Number(row, "pdd_reply_15min_rate")!.Value, 6);
        Assert.Equal(1.0, MartBed.Number(row, "pdd_reply_60min_rate"));
        Assert.Null(MartBed.Number(row, "taobao_counted_buyers"));
        Assert.Null(MartBed.Number(row, "jd_counted_sessions"));

        var store = bed.Store("P", "2026-03-02");
        Assert.Equal(5, MartBed.Number(store, "pdd_counted_buyers"));
        Assert.Equal(0.6, MartBed.Number(store, "pdd_effective_reply_rate")!.Value, 6);
        var month = bed.Single("select * from marts.kpi_store_period('month', date '2026-03-01', date '2026-03-31') where store_id = 'P'");
        Assert.Equal(0.8, MartBed.Number(month, "pdd_reply_15min_rate")!.Value, 6);

        var other = bed.Agent("B1", "2026-03-02");
        var otherStore = bed.Store("O", "2026-03-02");
        foreach (var column in new[]
        {
            "pdd_counted_buyers", "pdd_effective_reply_buyers", "pdd_reply_5min_buyers", "pdd_reply_15min_buyers", "pdd_reply_60min_buyers",
            "pdd_effective_reply_rate", "pdd_reply_5min_rate", "pdd_reply_15min_rate", "pdd_reply_60min_rate",
        })
        {
            Assert.Null(MartBed.Number(other, column));
            Assert.Null(MartBed.Number(otherStore, column));
        }
    }

    [Fact]
    public void An_agent_of_a_pdd_store_with_sales_but_no_consultation_has_zero_not_empty()
    {
        // A2 of store P writes to b1 on 03-01 (credits the order) but on 03-02, the day o1 is paid, has no consultation:
        // A2's 03-02 row exists for the sale, and its PDD sums are 0 (a PDD store), not empty.
        bed.OnPlatform("P", "pdd");
        bed.Chats(
            "m1,P,b1,A2,buyer,2026-03-01 10:00:00,在吗",
            "m2,P,b1,A2,agent,2026-03-01 10:00:20,在");
        bed.Orders("o1,P,b1,2026-03-01 11:00:00,2026-03-02 09:00:00,50.00,1,paid,0,,");
        bed.Ingest();

        var row = bed.Agent("A2", "2026-03-02");
        Assert.Equal(50, MartBed.Number(row, "sales_amount"));
        Assert.Equal(0, MartBed.Number(row, "pdd_counted_buyers"));
        Assert.Equal(0, MartBed.Number(row, "pdd_effective_reply_buyers"));
        Assert.Null(MartBed.Number(row, "pdd_effective_reply_rate"));   // 0 / 0 is empty
    }
}
