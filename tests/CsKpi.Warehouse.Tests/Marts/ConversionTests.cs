namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Inquiries (询单), next-day and final conversion, refunds of later order states, and maturity (延迟统计) of metrics.md.</summary>
public sealed class ConversionTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void Paid_next_day_counts_in_both_windows_paid_on_day_three_only_in_final_and_day_four_in_neither()
    {
        // Four inquiries on D = 03-02 (b1…b4, first message 10:00, A1 answers 10:01); every order is created 11:00 → A1.
        // o1 paid 03-03 23:59:59 (end of D+1) → next and final; o2 paid 03-05 23:59:59 (end of D+3) → final only;
        // o3 paid 03-06 00:00:00 (D+4) → neither; b4 buys nothing. next = 1/4 = 0.25, final = 2/4 = 0.5.
        // Each sale counts on its own paid day: 03-03, 03-05, 03-06.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-02 10:01:00,在",
            "m5,S,b3,A1,buyer,2026-03-02 10:00:00,在吗",
            "m6,S,b3,A1,agent,2026-03-02 10:01:00,在",
            "m7,S,b4,A1,buyer,2026-03-02 10:00:00,在吗",
            "m8,S,b4,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders(
            "o1,S,b1,2026-03-02 11:00:00,2026-03-03 23:59:59,100.00,1,paid,0,,",
            "o2,S,b2,2026-03-02 11:00:00,2026-03-05 23:59:59,100.00,1,paid,0,,",
            "o3,S,b3,2026-03-02 11:00:00,2026-03-06 00:00:00,100.00,1,paid,0,,");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(4, MartBed.Number(row, "inquiry_buyers"));
        Assert.Equal(1, MartBed.Number(row, "inquiry_paid_next_day"));
        Assert.Equal(2, MartBed.Number(row, "inquiry_paid_final"));
        Assert.Equal(0.25, MartBed.Number(row, "next_day_conversion")!.Value, 6);
        Assert.Equal(0.5, MartBed.Number(row, "final_conversion")!.Value, 6);
        Assert.Equal(0, MartBed.Number(row, "sales_amount"));
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-03"), "sales_amount"));
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-05"), "sales_amount"));
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-06"), "sales_amount"));
    }

    [Fact]
    public void An_order_created_before_the_first_buyer_message_does_not_convert()
    {
        // attribution_rule = paid (from 2026-01-01, in force on every creation day here).
        // b1's o1 was created 02-20 10:00, 10 days before b1's first message (03-02 10:00) — older than 7 days, so b1's
        // reception is an inquiry — and paid 03-02 10:30 → credited to A1 (m2 10:01 ≤ 10:30), but created before the first
        // message → no conversion. b2's o2 is created 10:20, after b2's first message, paid 10:30 → converts.
        // A1 03-02: sales 100 + 50 = 150, inquiries 2, next = final = 1/2.
        bed.Setting("attribution_rule", "paid", "2026-01-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,我的订单还能付款吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,可以",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,有货吗",
            "m4,S,b2,A1,agent,2026-03-02 10:01:00,有");
        bed.Orders(
            "o1,S,b1,2026-02-20 10:00:00,2026-03-02 10:30:00,100.00,1,paid,0,,",
            "o2,S,b2,2026-03-02 10:20:00,2026-03-02 10:30:00,50.00,1,paid,0,,");
        bed.Ingest();

        Assert.Equal("A1", bed.Credit("o1", "paid")["agent_id"]);
        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(150, MartBed.Number(row, "sales_amount"));
        Assert.Equal(2, MartBed.Number(row, "inquiry_buyers"));
        Assert.Equal(1, MartBed.Number(row, "inquiry_paid_next_day"));
        Assert.Equal(1, MartBed.Number(row, "inquiry_paid_final"));
        Assert.Equal(0.5, MartBed.Number(row, "next_day_conversion")!.Value, 6);
        Assert.Equal(0.5, MartBed.Number(row, "final_conversion")!.Value, 6);
    }

    [Fact]
    public void Aftersale_agents_and_buyers_with_a_recent_order_are_not_inquiries()
    {
        // Roster: A1 presale, A2 aftersale. Every buyer writes 03-05 10:00 and is answered 10:01.
        // b1 → A2: aftersale agent → received, not an inquiry.
        // b2 ordered 02-27 10:00 (6 days before) → not; b5 ordered 02-26 10:00 (exactly 7 days, within) → not;
        // b3 ordered 02-25 10:00 (8 days) → inquiry; b4 never ordered → inquiry. A1: received 4, inquiries 2. A2: 1 and 0.
        bed.Agents(
            "A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01",
            "A2,李四,S,一组,aftersale,2026-01-01,,L1,0.9,6000,2026-03-01");
        bed.Chats(
            "m1,S,b1,A2,buyer,2026-03-05 10:00:00,怎么退货",
            "m2,S,b1,A2,agent,2026-03-05 10:01:00,点申请售后",
            "m3,S,b2,A1,buyer,2026-03-05 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-05 10:01:00,在",
            "m5,S,b3,A1,buyer,2026-03-05 10:00:00,在吗",
            "m6,S,b3,A1,agent,2026-03-05 10:01:00,在",
            "m7,S,b4,A1,buyer,2026-03-05 10:00:00,在吗",
            "m8,S,b4,A1,agent,2026-03-05 10:01:00,在",
            "m9,S,b5,A1,buyer,2026-03-05 10:00:00,在吗",
            "m10,S,b5,A1,agent,2026-03-05 10:01:00,在");
        bed.Orders(
            "ob2,S,b2,2026-02-27 10:00:00,2026-02-27 10:05:00,10.00,1,paid,0,,",
            "ob3,S,b3,2026-02-25 10:00:00,2026-02-25 10:05:00,10.00,1,paid,0,,",
            "ob5,S,b5,2026-02-26 10:00:00,2026-02-26 10:05:00,10.00,1,paid,0,,");
        bed.Ingest();

        var a1 = bed.Agent("A1", "2026-03-05");
        Assert.Equal(4, MartBed.Number(a1, "received_buyers"));
        Assert.Equal(2, MartBed.Number(a1, "inquiry_buyers"));
        var a2 = bed.Agent("A2", "2026-03-05");
        Assert.Equal(1, MartBed.Number(a2, "received_buyers"));
        Assert.Equal(0, MartBed.Number(a2, "inquiry_buyers"));
        Assert.Null(a2["next_day_conversion"]);
        Assert.Null(a2["final_conversion"]);
        Assert.Equal(2, MartBed.Number(bed.Team("一组", "2026-03-05"), "inquiry_buyers"));
    }

    [Fact]
    public void An_order_loaded_later_turns_a_following_inquiry_into_after_sale()
    {
        // First ingest: b2's 03-05 reception, no order known → inquiry. Second ingest: b2's order of 02-27 (6 days before)
        // arrives → the 03-05 reception is recomputed as after-sale: received 1, inquiries 0.
        bed.Chats(
            "m1,S,b2,A1,buyer,2026-03-05 10:00:00,在吗",
            "m2,S,b2,A1,agent,2026-03-05 10:01:00,在");
        bed.Ingest();
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-05"), "inquiry_buyers"));

        bed.Orders("ob2,S,b2,2026-02-27 10:00:00,2026-02-27 10:05:00,10.00,1,paid,0,,");
        bed.Ingest();
        var row = bed.Agent("A1", "2026-03-05");
        Assert.Equal(1, MartBed.Number(row, "received_buyers"));
        Assert.Equal(0, MartBed.Number(row, "inquiry_buyers"));
    }

    [Fact]
    public void A_late_payment_and_a_refund_in_later_order_files_land_on_their_own_days()
    {
        // b1 asks A1 on 03-02 10:00 (answered 10:01); o1 created 11:00 → A1.
        // File 1: o1 unpaid → A1 03-02: 1 inquiry, final 0 → 0.
        // File 2 (updated 03-04 09:00): paid 03-04 09:00 (D+2) → A1 sells 100 on 03-04; 03-02: next 0, final 1 → 1.0.
        // File 3 (updated 03-07 15:00): 30.00 refunded at 03-07 15:00 → A1's refund_amount 30 on 03-07 (a row with no reception
        // or sale); the sale stays on 03-04.
        // File 4, loaded last but older (updated 03-02 12:00, unpaid): the newest updated_at wins, nothing changes.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,,100.00,1,created,0,,2026-03-02 11:00:00");
        bed.Ingest();
        var day = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(day, "inquiry_buyers"));
        Assert.Equal(0, MartBed.Number(day, "inquiry_paid_final"));
        Assert.Equal(0.0, MartBed.Number(day, "final_conversion")!.Value, 6);
        Assert.Equal(0, MartBed.Number(bed.Store("S", "2026-03-02"), "total_paid_amount"));

        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-04 09:00:00,100.00,1,paid,0,,2026-03-04 09:00:00");
        bed.Ingest();
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-04"), "sales_amount"));
        day = bed.Agent("A1", "2026-03-02");
        Assert.Equal(0, MartBed.Number(day, "inquiry_paid_next_day"));
        Assert.Equal(1, MartBed.Number(day, "inquiry_paid_final"));
        Assert.Equal(0.0, MartBed.Number(day, "next_day_conversion")!.Value, 6);
        Assert.Equal(1.0, MartBed.Number(day, "final_conversion")!.Value, 6);

        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-04 09:00:00,100.00,1,refunded,30.00,2026-03-07 15:00:00,2026-03-07 15:00:00");
        bed.Ingest();
        var refundDay = bed.Agent("A1", "2026-03-07");
        Assert.Equal(30, MartBed.Number(refundDay, "refund_amount"));
        Assert.Equal(0, MartBed.Number(refundDay, "sales_amount"));
        Assert.Equal(0, MartBed.Number(refundDay, "received_buyers"));
        Assert.Equal(30, MartBed.Number(bed.Store("S", "2026-03-07"), "refund_amount"));
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-04"), "sales_amount"));
        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-04"), "refund_amount"));

        bed.Orders("o1,S,b1,2026-03-02 11:00:00,,100.00,1,created,0,,2026-03-02 12:00:00");
        bed.Ingest();
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-04"), "sales_amount"));
        Assert.Equal(30, MartBed.Number(bed.Agent("A1", "2026-03-07"), "refund_amount"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-02"), "inquiry_paid_final"));
    }

    [Fact]
    public void Conversions_are_provisional_until_the_watermark_passes_the_end_of_the_window()
    {
        // Watermark = min(newest sent_at, newest created_at/paid_at).
        // 1) chats to 03-02 10:01, orders to 03-02 11:05 → 03-02 10:01: D = 03-02 is provisional in both windows.
        // 2) chats to 03-04 12:01, orders to 03-04 12:35 → 03-04 12:01 ≥ end of D+1 (03-04 00:00): next final; final
        //    provisional until the end of D+3 (03-06 00:00).
        // 3) chats to 03-06 08:01 but orders still 03-04 12:35 → watermark 03-04 12:35: final still provisional.
        // 4) orders to 03-06 09:05 → watermark 03-06 08:01 ≥ 03-06 00:00: final no longer provisional.
        //    03-04 (A2's day): next window ends 03-06 00:00 → final; final window ends 03-08 00:00 → provisional.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,");
        bed.Ingest();
        AssertProvisional("2026-03-02", nextDay: true, final: true);
        Assert.Equal(1.0, MartBed.Number(bed.Agent("A1", "2026-03-02"), "next_day_conversion")!.Value, 6);

        bed.Chats(
            "m3,S,b2,A2,buyer,2026-03-04 12:00:00,在吗",
            "m4,S,b2,A2,agent,2026-03-04 12:01:00,在");
        bed.Orders("o2,S,b2,2026-03-04 12:30:00,2026-03-04 12:35:00,10.00,1,paid,0,,");
        bed.Ingest();
        AssertProvisional("2026-03-02", nextDay: false, final: true);

        bed.Chats(
            "m5,S,b3,A2,buyer,2026-03-06 08:00:00,在吗",
            "m6,S,b3,A2,agent,2026-03-06 08:01:00,在");
        bed.Ingest();
        AssertProvisional("2026-03-02", nextDay: false, final: true);

        bed.Orders("o3,S,b3,2026-03-06 09:00:00,2026-03-06 09:05:00,10.00,1,paid,0,,");
        bed.Ingest();
        AssertProvisional("2026-03-02", nextDay: false, final: false);
        var a2 = bed.Agent("A2", "2026-03-04");
        Assert.Equal(false, a2["next_day_provisional"]);
        Assert.Equal(true, a2["final_provisional"]);
    }

    private void AssertProvisional(string day, bool nextDay, bool final)
    {
        foreach (var row in new[] { bed.Agent("A1", day), bed.Team("未登记", day), bed.Store("S", day) })
        {
            Assert.Equal(nextDay, row["next_day_provisional"]);
            Assert.Equal(final, row["final_provisional"]);
        }
    }

    [Fact]
    public void A_corrected_payment_day_moves_the_sale_and_the_old_day_loses_it()
    {
        // o1 (A1's, created 03-02 11:00) is first paid 03-03 09:00: A1 sells 100 on 03-03, a row made by the sale alone.
        // A newer state (updated 03-05 10:00) says it was paid 03-05 10:00: the sale moves to 03-05, A1 has no row on 03-03 any
        // more (nor has the store: nothing else happened that day), and b1's 03-02 inquiry is no longer a next-day payment
        // (D+3: final only).
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-03 09:00:00,100.00,1,paid,0,,2026-03-03 09:00:00");
        bed.Ingest();
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-03"), "sales_amount"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-02"), "inquiry_paid_next_day"));

        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-05 10:00:00,100.00,1,paid,0,,2026-03-05 10:00:00");
        bed.Ingest();
        Assert.Equal(0, bed.AgentRows("A1", "2026-03-03"));
        Assert.Empty(bed.Rows("select * from marts.kpi_store_daily where business_day = date '2026-03-03'"));
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-05"), "sales_amount"));
        var day = bed.Agent("A1", "2026-03-02");
        Assert.Equal(0, MartBed.Number(day, "inquiry_paid_next_day"));
        Assert.Equal(1, MartBed.Number(day, "inquiry_paid_final"));
    }

    [Fact]
    public void Without_updated_at_the_later_orders_file_wins()
    {
        // Neither state has updated_at: the state of the later file is current. File 1: o1 paid 03-02 11:05 (A1 sells 100).
        // File 2: the same order refunded 40.00 on 03-04 10:00 → A1's refund_amount 40 on 03-04; the sale stays on 03-02.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,");
        bed.Ingest();
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,refunded,40.00,2026-03-04 10:00:00,");
        bed.Ingest();

        Assert.Equal(40, MartBed.Number(bed.Agent("A1", "2026-03-04"), "refund_amount"));
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-02"), "sales_amount"));
        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-02"), "refund_amount"));
    }
}
