namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Settings of metrics.md: versioned by effective date, per store, and recomputed when they change.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    /// <summary>A 90 s answer to b1 on 03-10 and to b2 on 03-20.</summary>
    private void NinetySecondAnswers()
    {
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-10 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-10 10:01:30,在",
            "m3,S,b2,A1,buyer,2026-03-20 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-20 10:01:30,在");
    }

    [Fact]
    public void A_setting_takes_effect_from_its_effective_day()
    {
        // slow_seconds 60 (default) until 03-15, 120 from 03-16: 90 s > 60 on 03-10 → slow; 90 s ≤ 120 on 03-20 → not.
        bed.Setting("slow_seconds", "120", "2026-03-16");
        NinetySecondAnswers();
        bed.Ingest();

        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-10"), "slow_buyers"));
        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-20"), "slow_buyers"));
    }

    [Fact]
    public void Changing_a_setting_after_a_recompute_recomputes_the_days_from_its_effective_day()
    {
        // Computed with 60 s: both days slow. Then slow_seconds = 120 from 03-16 and an incremental recompute:
        // 03-10 stays slow (60 s still in force), 03-20 is no longer slow, in the agent, team and store rows.
        NinetySecondAnswers();
        bed.Ingest();
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-10"), "slow_buyers"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-20"), "slow_buyers"));

        bed.Setting("slow_seconds", "120", "2026-03-16");
        bed.RecomputeIncremental();

        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-10"), "slow_buyers"));
        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-20"), "slow_buyers"));
        Assert.Equal(0, MartBed.Number(bed.Team("未登记", "2026-03-20"), "slow_buyers"));
        Assert.Equal(0, MartBed.Number(bed.Store("S", "2026-03-20"), "slow_buyers"));
    }

    [Fact]
    public void Blocking_a_buyer_after_a_recompute_filters_its_reception_and_silences_its_order()
    {
        // Computed: b1's reception credits o1 (100) to A1. Then filter_buyers = ["b1"] from 03-01 and an incremental
        // recompute: the reception is filtered (consult 1 = received 0 + filtered 1), o1 has no reception message any more
        // → silent: A1 sells 0, the store's silent amount is 100 and its cs_sales_share 0.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,");
        bed.Ingest();
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-02"), "sales_amount"));

        bed.Setting("filter_buyers", "[\"b1\"]", "2026-03-01");
        bed.RecomputeIncremental();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(row, "consult_buyers"));
        Assert.Equal(1, MartBed.Number(row, "filtered_buyers"));
        Assert.Equal(0, MartBed.Number(row, "received_buyers"));
        Assert.Equal(0, MartBed.Number(row, "sales_amount"));
        Assert.Null(bed.Credit("o1", "order_created")["agent_id"]);
        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(100, MartBed.Number(store, "silent_amount"));
        Assert.Equal(0.0, MartBed.Number(store, "cs_sales_share")!.Value, 6);
    }

    [Fact]
    public void Counting_auto_replies_after_a_recompute_changes_the_response_times()
    {
        // Default: the auto reply at 10:00:05 is ignored, first response 10:00:00 → 10:00:50 = 50 s.
        // count_auto_replies = true from 03-01, incremental recompute: the auto reply answers in 5 s.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,auto,2026-03-02 10:00:05,您好，客服马上来",
            "m3,S,b1,A1,agent,2026-03-02 10:00:50,在的");
        bed.Ingest();
        Assert.Equal(50, MartBed.Number(bed.Agent("A1", "2026-03-02"), "first_response_seconds"));

        bed.Setting("count_auto_replies", "true", "2026-03-01");
        bed.RecomputeIncremental();
        Assert.Equal(5, MartBed.Number(bed.Agent("A1", "2026-03-02"), "first_response_seconds"));
    }

    [Fact]
    public void Filter_buyers_applies_from_its_effective_day()
    {
        // b9 is blocked from 03-10: its 03-05 consultation is a reception, its 03-12 one is filtered.
        bed.Setting("filter_buyers", "[\"b9\"]", "2026-03-10");
        bed.Chats(
            "m1,S,b9,A1,buyer,2026-03-05 10:00:00,在吗",
            "m2,S,b9,A1,buyer,2026-03-12 10:00:00,在吗");
        bed.Ingest();

        Assert.Null(bed.FilterReason("A1", "b9", "2026-03-05"));
        Assert.Equal("blocked_buyer", bed.FilterReason("A1", "b9", "2026-03-12"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-05"), "received_buyers"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-12"), "filtered_buyers"));
    }

    [Fact]
    public void A_store_setting_beats_the_default_and_other_stores_keep_the_default()
    {
        // slow_seconds = 120 for store S only: S's 90 s answer is not slow; store T keeps 60 s → slow.
        bed.Setting("slow_seconds", "120", "2026-03-01", "S");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:30,在",
            "m3,T,b1,B1,buyer,2026-03-02 10:00:00,在吗",
            "m4,T,b1,B1,agent,2026-03-02 10:01:30,在");
        bed.Ingest();

        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-02"), "slow_buyers"));
        Assert.Equal(1, MartBed.Number(bed.Agent("B1", "2026-03-02"), "slow_buyers"));
        Assert.Equal(1, MartBed.Number(bed.Store("T", "2026-03-02"), "slow_buyers"));
    }

    [Fact]
    public void Day_cutoff_moves_times_before_it_to_the_previous_business_day()
    {
        // day_cutoff = 02:00. 03-03 01:00 belongs to business day 03-02 (01:00 − 2 h = 03-02 23:00); 03-03 02:00 to 03-03.
        // 03-02: b1 answered in 30 s; o1 created 01:10, paid 01:20 (→ 03-02) to A1: sales 100, converts 1/1; the rating at
        // 01:30 is on 03-02. 03-03: b1 answered in 20 s, but b1 ordered at 01:10, before → not an inquiry; no sale that day.
        bed.Setting("day_cutoff", "02:00", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-03 01:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-03 01:00:30,在",
            "m3,S,b1,A1,buyer,2026-03-03 02:00:00,发货了吗",
            "m4,S,b1,A1,agent,2026-03-03 02:00:20,今天发");
        bed.Orders("o1,S,b1,2026-03-03 01:10:00,2026-03-03 01:20:00,100.00,1,paid,0,,");
        bed.Ratings("S,b1,A1,2026-03-03 01:30:00,5,好");
        bed.Ingest();

        var d2 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(d2, "received_buyers"));
        Assert.Equal(30, MartBed.Number(d2, "first_response_seconds"));
        Assert.Equal(100, MartBed.Number(d2, "sales_amount"));
        Assert.Equal(1.0, MartBed.Number(d2, "next_day_conversion")!.Value, 6);
        Assert.Equal(1, MartBed.Number(d2, "rated_buyers"));
        var d3 = bed.Agent("A1", "2026-03-03");
        Assert.Equal(1, MartBed.Number(d3, "received_buyers"));
        Assert.Equal(20, MartBed.Number(d3, "first_response_seconds"));
        Assert.Equal(0, MartBed.Number(d3, "inquiry_buyers"));
        Assert.Equal(0, MartBed.Number(d3, "sales_amount"));
        Assert.Equal(0, MartBed.Number(d3, "rated_buyers"));
        Assert.Equal(100, MartBed.Number(bed.Store("S", "2026-03-02"), "total_paid_amount"));
    }

    [Fact]
    public void Inquiry_valid_days_sets_the_attribution_window()
    {
        // inquiry_valid_days = 1: A1 answered b1 and b2 at 03-02 10:01. o1 created 03-03 09:00 (23 h later) → A1;
        // o2 created 03-03 11:00 (25 h later, window from 03-02 11:00) → silent. With the default 3 days both would be A1's.
        bed.Setting("inquiry_valid_days", "1", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders(
            "o1,S,b1,2026-03-03 09:00:00,2026-03-03 09:05:00,100.00,1,paid,0,,",
            "o2,S,b2,2026-03-03 11:00:00,2026-03-03 11:05:00,40.00,1,paid,0,,");
        bed.Ingest();

        Assert.Equal("A1", bed.Credit("o1", "order_created")["agent_id"]);
        var o2 = bed.Credit("o2", "order_created");
        Assert.Null(o2["agent_id"]);
        Assert.Equal("2026-03-02 11:00:00", o2["window_from"]);
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-03"), "sales_amount"));
        Assert.Equal(40, MartBed.Number(bed.Store("S", "2026-03-03"), "silent_amount"));
    }

    [Fact]
    public void Final_payment_days_sets_the_final_conversion_window()
    {
        // final_payment_days = 5, D = 03-02: o1 paid 03-07 23:59:59 (end of D+5) → final; o2 paid 03-08 00:00:00 → not.
        // next day: neither. inquiries 2 → final 1/2, next 0/2.
        bed.Setting("final_payment_days", "5", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders(
            "o1,S,b1,2026-03-02 11:00:00,2026-03-07 23:59:59,100.00,1,paid,0,,",
            "o2,S,b2,2026-03-02 11:00:00,2026-03-08 00:00:00,100.00,1,paid,0,,");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(row, "inquiry_paid_final"));
        Assert.Equal(0, MartBed.Number(row, "inquiry_paid_next_day"));
        Assert.Equal(0.5, MartBed.Number(row, "final_conversion")!.Value, 6);
        Assert.Equal(0.0, MartBed.Number(row, "next_day_conversion")!.Value, 6);
    }

    [Fact]
    public void Aftersale_days_sets_how_recent_an_order_makes_a_reception_after_sale()
    {
        // aftersale_days = 3, receptions 03-05 10:00: b1 ordered 03-01 10:00 (4 days before) → inquiry (it would not be with 7);
        // b2 ordered 03-03 10:00 (2 days before) → not. received 2, inquiries 1.
        bed.Setting("aftersale_days", "3", "2026-01-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-05 10:00:00,在吗",
            "m2,S,b2,A1,buyer,2026-03-05 10:00:00,在吗");
        bed.Orders(
            "ob1,S,b1,2026-03-01 10:00:00,2026-03-01 10:05:00,10.00,1,paid,0,,",
            "ob2,S,b2,2026-03-03 10:00:00,2026-03-03 10:05:00,10.00,1,paid,0,,");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-05");
        Assert.Equal(2, MartBed.Number(row, "received_buyers"));
        Assert.Equal(1, MartBed.Number(row, "inquiry_buyers"));
    }

    [Fact]
    public void Editing_the_value_of_a_setting_version_is_recomputed()
    {
        // slow_seconds = 120 from 03-16 → 03-20's 90 s is not slow. The same version (same effective day) is then edited to 30,
        // with a new changed_at, and recomputed incrementally → 90 s > 30 → slow. 03-10 keeps the default 60 → slow throughout.
        bed.Setting("slow_seconds", "120", "2026-03-16");
        NinetySecondAnswers();
        bed.Ingest();
        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-20"), "slow_buyers"));

        bed.Setting("slow_seconds", "30", "2026-03-16");
        bed.RecomputeIncremental();
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-20"), "slow_buyers"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-10"), "slow_buyers"));
    }

    [Fact]
    public void Changing_day_cutoff_after_a_recompute_moves_orders_to_their_new_business_day()
    {
        // Computed with day_cutoff 00:00: the chat at 03-03 01:00 and o1 paid 03-03 01:20 are on 03-03 (A1 sells 100 there).
        // day_cutoff = 02:00 from 03-01, incremental recompute: both move to business day 03-02 (01:00 − 2 h = 03-02 23:00),
        // exactly as in Day_cutoff_moves_times_before_it_to_the_previous_business_day: A1 sells 100 on 03-02, nothing on 03-03,
        // and the store's paid total moves with it.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-03 01:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-03 01:00:30,在");
        bed.Orders("o1,S,b1,2026-03-03 01:10:00,2026-03-03 01:20:00,100.00,1,paid,0,,");
        bed.Ingest();
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-03"), "sales_amount"));

        bed.Setting("day_cutoff", "02:00", "2026-03-01");
        bed.RecomputeIncremental();

        var d2 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(d2, "received_buyers"));
        Assert.Equal(100, MartBed.Number(d2, "sales_amount"));
        Assert.Equal(100, MartBed.Number(bed.Store("S", "2026-03-02"), "total_paid_amount"));
        Assert.Equal(0, bed.AgentRows("A1", "2026-03-03"));
    }
}
