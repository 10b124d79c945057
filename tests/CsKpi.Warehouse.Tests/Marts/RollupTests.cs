namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Team and store rows of metrics.md: sums of agent rows, ratios of those sums, and the store-only shares.</summary>
public sealed class RollupTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void Team_and_store_ratios_are_ratios_of_sums_not_means_of_agent_ratios()
    {
        // 一组 = A1, A2; 二组 = A3.
        // A1: b1 answered in 10 s → received 1, replied 1 (rate 1), buyer 1, agent 1, gaps 10.
        // A2: b2 two questions answered in 40 s and 50 s (gaps 40 + 20 + 50 = 110); b3 and b4 (2 messages) unanswered
        //     → received 3, replied 1 (rate 1/3), buyer 5, agent 2.
        // A3: b5 answered in 20 s.
        // 一组: reply_rate 2/4 = 0.5 (the mean of 1 and 1/3 would be 0.666667); qa 3/6 = 0.5; first (10 + 40) / 2 = 25;
        //       mean response (10 + 40 + 50) / 3 = 33.333333 (the mean of agent means would be 27.5); reception 120 / 2 = 60.
        // Store: reply 3/5 = 0.6; qa 4/7; first (10 + 40 + 20) / 3 = 23.333333; mean (10 + 40 + 50 + 20) / 4 = 30;
        //        reception 140 / 3 = 46.666667.
        bed.Agents(
            "A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01",
            "A2,李四,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01",
            "A3,王五,S,二组,presale,2026-01-01,,L1,0.9,6000,2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:00:10,在",
            "m3,S,b2,A2,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A2,agent,2026-03-02 10:00:40,在",
            "m5,S,b2,A2,buyer,2026-03-02 10:01:00,包邮吗",
            "m6,S,b2,A2,agent,2026-03-02 10:01:50,包邮",
            "m7,S,b3,A2,buyer,2026-03-02 10:05:00,在吗",
            "m8,S,b4,A2,buyer,2026-03-02 10:06:00,在吗",
            "m9,S,b4,A2,buyer,2026-03-02 10:06:30,人呢",
            "m10,S,b5,A3,buyer,2026-03-02 10:00:00,在吗",
            "m11,S,b5,A3,agent,2026-03-02 10:00:20,在");
        bed.Ingest();

        Assert.Equal(1.0 / 3.0, MartBed.Number(bed.Agent("A2", "2026-03-02"), "reply_rate")!.Value, 6);
        Assert.Equal(45, MartBed.Number(bed.Agent("A2", "2026-03-02"), "avg_response_seconds")!.Value, 6);

        var team = bed.Team("一组", "2026-03-02");
        Assert.Equal(2, MartBed.Number(team, "agents"));
        Assert.Equal(4, MartBed.Number(team, "received_buyers"));
        Assert.Equal(2, MartBed.Number(team, "replied_buyers"));
        Assert.Equal(2, MartBed.Number(team, "unreplied_buyers"));
        Assert.Equal(0.5, MartBed.Number(team, "reply_rate")!.Value, 6);
        Assert.Equal(6, MartBed.Number(team, "buyer_messages"));
        Assert.Equal(3, MartBed.Number(team, "agent_messages"));
        Assert.Equal(0.5, MartBed.Number(team, "qa_ratio")!.Value, 6);
        Assert.Equal(25, MartBed.Number(team, "first_response_seconds")!.Value, 6);
        Assert.Equal(100.0 / 3.0, MartBed.Number(team, "avg_response_seconds")!.Value, 6);
        Assert.Equal(120, MartBed.Number(team, "reception_seconds"));
        Assert.Equal(60, MartBed.Number(team, "avg_reception_seconds")!.Value, 6);

        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(3, MartBed.Number(store, "agents"));
        Assert.Equal(5, MartBed.Number(store, "received_buyers"));
        Assert.Equal(0.6, MartBed.Number(store, "reply_rate")!.Value, 6);
        Assert.Equal(4.0 / 7.0, MartBed.Number(store, "qa_ratio")!.Value, 6);
        Assert.Equal(70.0 / 3.0, MartBed.Number(store, "first_response_seconds")!.Value, 6);
        Assert.Equal(30, MartBed.Number(store, "avg_response_seconds")!.Value, 6);
        Assert.Equal(140.0 / 3.0, MartBed.Number(store, "avg_reception_seconds")!.Value, 6);
    }

    [Fact]
    public void Store_totals_silent_amount_and_customer_service_shares()
    {
        // A1 (一组) answers b1, A2 (二组) answers b5, both at 10:01.
        // Paid on 03-02: o1 100 + o2 50 (b1 → A1), o7 80 (b5 → A2), o3 150 (b2, no chat → silent),
        // o5 25 (b4, created 03-01, no chat, paid 03-02 09:00 → silent, on its paid day). o4 (b3) is not paid.
        // total 100 + 50 + 80 + 150 + 25 = 405; silent 175; credited 230 → cs_sales_share 230 / 405 = 0.567901;
        // paid buyers b1, b2, b4, b5 = 4, credited b1, b5 = 2 → cs_buyer_share 0.5.
        // Teams: 一组 150, 二组 80 → store sales 230 from 2 sales buyers, aov 115.
        bed.Agents(
            "A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01",
            "A2,李四,S,二组,presale,2026-01-01,,L1,0.9,6000,2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b5,A2,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b5,A2,agent,2026-03-02 10:01:00,在");
        bed.Orders(
            "o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,",
            "o2,S,b1,2026-03-02 11:30:00,2026-03-02 11:35:00,50.00,1,paid,0,,",
            "o7,S,b5,2026-03-02 11:00:00,2026-03-02 11:05:00,80.00,1,paid,0,,",
            "o3,S,b2,2026-03-02 12:00:00,2026-03-02 12:05:00,150.00,1,paid,0,,",
            "o4,S,b3,2026-03-02 13:00:00,,70.00,1,created,0,,",
            "o5,S,b4,2026-03-01 20:00:00,2026-03-02 09:00:00,25.00,1,paid,0,,");
        bed.Ingest();

        Assert.Equal(150, MartBed.Number(bed.Team("一组", "2026-03-02"), "sales_amount"));
        Assert.Equal(80, MartBed.Number(bed.Team("二组", "2026-03-02"), "sales_amount"));

        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(230, MartBed.Number(store, "sales_amount"));
        Assert.Equal(2, MartBed.Number(store, "sales_buyers"));
        Assert.Equal(115, MartBed.Number(store, "aov")!.Value, 6);
        Assert.Equal(405, MartBed.Number(store, "total_paid_amount"));
        Assert.Equal(175, MartBed.Number(store, "silent_amount"));
        Assert.Equal(230.0 / 405.0, MartBed.Number(store, "cs_sales_share")!.Value, 6);
        Assert.Equal(4, MartBed.Number(store, "paid_buyers"));
        Assert.Equal(2, MartBed.Number(store, "credited_paid_buyers"));
        Assert.Equal(0.5, MartBed.Number(store, "cs_buyer_share")!.Value, 6);

        // 03-01: o5 was only created that day; nothing was paid and nobody chatted → no store row.
        Assert.Empty(bed.Rows("select * from marts.kpi_store_daily where business_day = date '2026-03-01'"));
    }

    [Fact]
    public void Stores_are_separate_for_after_sale_credit_assists_and_totals()
    {
        // The same buyer id b1 at stores S and T, each answered 03-02 10:01 (A1 at S, B1 at T).
        // t1 (T, 50) created 03-01 10:00, before any chat at T → silent at T, paid on 03-01; it is T's order, so b1's reception
        // at S is still an inquiry, while at T it follows t1 by a day → not an inquiry.
        // s1 (S, 100) created 03-02 11:00 → A1 (B1's message is at T); t2 (T, 30) created 12:00 → B1.
        // B1's message to b1 is at another store than s1 → no assist. S 03-02: total 100, silent 0. T 03-02: 30, silent 0;
        // T 03-01: 50, all silent.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m1,T,b1,B1,buyer,2026-03-02 10:00:00,在吗",
            "m2,T,b1,B1,agent,2026-03-02 10:01:00,在");
        bed.Orders(
            "t1,T,b1,2026-03-01 10:00:00,2026-03-01 10:05:00,50.00,1,paid,0,,",
            "s1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,",
            "t2,T,b1,2026-03-02 12:00:00,2026-03-02 12:05:00,30.00,1,paid,0,,");
        bed.Ingest();

        var a1 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(a1, "inquiry_buyers"));
        Assert.Equal(100, MartBed.Number(a1, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a1, "inquiry_paid_next_day"));
        var b1 = bed.Agent("B1", "2026-03-02");
        Assert.Equal(0, MartBed.Number(b1, "inquiry_buyers"));
        Assert.Equal(30, MartBed.Number(b1, "sales_amount"));
        Assert.Equal(0, MartBed.Number(b1, "assist_buyers"));

        var s = bed.Store("S", "2026-03-02");
        Assert.Equal(100, MartBed.Number(s, "total_paid_amount"));
        Assert.Equal(0, MartBed.Number(s, "silent_amount"));
        Assert.Equal(1, MartBed.Number(s, "received_buyers"));
        var t = bed.Store("T", "2026-03-02");
        Assert.Equal(30, MartBed.Number(t, "total_paid_amount"));
        Assert.Equal(0, MartBed.Number(t, "silent_amount"));
        var t0 = bed.Store("T", "2026-03-01");
        Assert.Equal(50, MartBed.Number(t0, "total_paid_amount"));
        Assert.Equal(50, MartBed.Number(t0, "silent_amount"));
        Assert.Equal(0.0, MartBed.Number(t0, "cs_sales_share")!.Value, 6);
    }
}
