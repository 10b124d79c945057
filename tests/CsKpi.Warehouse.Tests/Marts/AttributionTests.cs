namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Order attribution (落实) of metrics.md: the three rules, the window, silent orders, the trace, assists.</summary>
public sealed class AttributionTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    /// <summary>b1 talks to A1, orders at 11:00, talks to A2, pays at 13:00.</summary>
    private void TwoAgentsOneOrder()
    {
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,这个有货吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,有的",
            "m3,S,b1,A2,buyer,2026-03-02 12:00:00,能便宜吗",
            "m4,S,b1,A2,agent,2026-03-02 12:02:00,不能哦");
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-02 13:00:00,100.00,1,paid,0,,");
        bed.Ingest();
    }

    [Fact]
    public void Order_created_and_paid_rules_disagree_and_every_rule_keeps_its_trace()
    {
        // order_created: last agent message at or before 11:00 and no earlier than 11:00 − 3 days = 02-27 11:00 → m2 (A1, 10:01).
        // paid: the same before 13:00 (window 02-27 13:00 … 03-02 13:00) → m4 (A2, 12:02).
        // order_first: order_created found A1, so A1 on the created_at basis. The default rule order_created is in force.
        TwoAgentsOneOrder();

        var created = bed.Credit("o1", "order_created");
        Assert.Equal("A1", created["agent_id"]);
        Assert.Equal(true, created["in_force"]);
        Assert.Equal("created_at", created["basis"]);
        Assert.Equal("S#m2", created["message_key"]);
        Assert.Equal("2026-03-02 10:01:00", created["message_at"]);
        Assert.Equal("2026-03-02", created["message_day"]);
        Assert.Equal("2026-02-27 11:00:00", created["window_from"]);
        Assert.Equal("2026-03-02 11:00:00", created["window_to"]);

        var paid = bed.Credit("o1", "paid");
        Assert.Equal("A2", paid["agent_id"]);
        Assert.Equal(false, paid["in_force"]);
        Assert.Equal("paid_at", paid["basis"]);
        Assert.Equal("S#m4", paid["message_key"]);
        Assert.Equal("2026-03-02 12:02:00", paid["message_at"]);
        Assert.Equal("2026-02-27 13:00:00", paid["window_from"]);
        Assert.Equal("2026-03-02 13:00:00", paid["window_to"]);

        var first = bed.Credit("o1", "order_first");
        Assert.Equal("A1", first["agent_id"]);
        Assert.Equal(false, first["in_force"]);
        Assert.Equal("created_at", first["basis"]);
        Assert.Equal("S#m2", first["message_key"]);
    }

    [Fact]
    public void Order_created_rule_credits_the_agent_before_the_order_and_the_other_agent_assists()
    {
        // Credited to A1: A1 sells 100 (1 buyer). A2 wrote to b1 at 12:02, inside 02-27 11:00 … paid 13:00 → A2 assists 1.
        // A1's b1 reception is an inquiry, the order is created after its first message (10:00) and paid the same day → 1/1.
        // A2's b1 reception (12:00) follows b1's order of 11:00 (within 7 days) → not an inquiry: conversion null.
        TwoAgentsOneOrder();

        var a1 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(100, MartBed.Number(a1, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a1, "sales_buyers"));
        Assert.Equal(0, MartBed.Number(a1, "assist_buyers"));
        Assert.Equal(1, MartBed.Number(a1, "inquiry_buyers"));
        Assert.Equal(1, MartBed.Number(a1, "inquiry_paid_next_day"));
        Assert.Equal(1.0, MartBed.Number(a1, "next_day_conversion")!.Value, 6);

        var a2 = bed.Agent("A2", "2026-03-02");
        Assert.Equal(0, MartBed.Number(a2, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a2, "assist_buyers"));
        Assert.Equal(1, MartBed.Number(a2, "received_buyers"));
        Assert.Equal(0, MartBed.Number(a2, "inquiry_buyers"));
        Assert.Null(a2["next_day_conversion"]);
        Assert.Null(a2["aov"]);
    }

    [Fact]
    public void Paid_rule_credits_the_agent_before_the_payment()
    {
        // attribution_rule = paid: o1 goes to A2 (m4 12:02 ≤ 13:00). A1 wrote at 10:01, inside 02-27 11:00 … 13:00 → A1 assists 1.
        // A1's inquiry b1 has no order credited to A1 → 0 / 1 = 0 (not null: the denominator is 1).
        bed.Setting("attribution_rule", "paid", "2026-01-01");
        TwoAgentsOneOrder();

        Assert.Equal(true, bed.Credit("o1", "paid")["in_force"]);
        Assert.Equal(false, bed.Credit("o1", "order_created")["in_force"]);

        var a1 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(0, MartBed.Number(a1, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a1, "assist_buyers"));
        Assert.Equal(0, MartBed.Number(a1, "inquiry_paid_final"));
        Assert.Equal(0.0, MartBed.Number(a1, "next_day_conversion")!.Value, 6);
        Assert.Equal(0.0, MartBed.Number(a1, "final_conversion")!.Value, 6);

        var a2 = bed.Agent("A2", "2026-03-02");
        Assert.Equal(100, MartBed.Number(a2, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a2, "sales_buyers"));
        Assert.Equal(0, MartBed.Number(a2, "assist_buyers"));
    }

    [Fact]
    public void Order_first_falls_back_on_the_payment_when_the_creation_finds_nobody()
    {
        // attribution_rule = order_first. o1 as before: creation finds A1. o2: b2 orders at 03-03 09:00 before any message
        // (order_created: silent), talks to A2 at 10:00/10:01, pays at 11:00 → paid finds A2 → order_first credits A2 (basis paid_at).
        bed.Setting("attribution_rule", "order_first", "2026-01-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,这个有货吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,有的",
            "m3,S,b2,A2,buyer,2026-03-03 10:00:00,刚拍了，能改地址吗",
            "m4,S,b2,A2,agent,2026-03-03 10:01:00,可以");
        bed.Orders(
            "o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,",
            "o2,S,b2,2026-03-03 09:00:00,2026-03-03 11:00:00,50.00,1,paid,0,,");
        bed.Ingest();

        var silent = bed.Credit("o2", "order_created");
        Assert.Null(silent["agent_id"]);
        Assert.Null(silent["message_key"]);
        Assert.Equal("2026-02-28 09:00:00", silent["window_from"]);
        var first = bed.Credit("o2", "order_first");
        Assert.Equal("A2", first["agent_id"]);
        Assert.Equal("paid_at", first["basis"]);
        Assert.Equal("S#m4", first["message_key"]);
        Assert.Equal(true, first["in_force"]);
        Assert.Equal("A1", bed.Credit("o1", "order_first")["agent_id"]);

        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-02"), "sales_amount"));
        Assert.Equal(50, MartBed.Number(bed.Agent("A2", "2026-03-03"), "sales_amount"));
        var store = bed.Store("S", "2026-03-03");
        Assert.Equal(50, MartBed.Number(store, "total_paid_amount"));
        Assert.Equal(0, MartBed.Number(store, "silent_amount"));
    }

    [Fact]
    public void A_message_exactly_inquiry_valid_days_before_the_order_credits_and_one_second_earlier_does_not()
    {
        // A1 answered b1 and b2 at 03-02 10:00:30. o1 created 03-05 10:00:30: window from 03-02 10:00:30 → A1.
        // o2 created 03-05 10:00:31: window from 03-02 10:00:31 → the message is 1 s too early → silent.
        // 03-05: A1 sells 100; store total 100 + 40 = 140, silent 40. 03-02: 2 inquiries, o1 paid on D+3 → final 1, next 0.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:00:30,在",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-02 10:00:30,在");
        bed.Orders(
            "o1,S,b1,2026-03-05 10:00:30,2026-03-05 10:05:00,100.00,1,paid,0,,",
            "o2,S,b2,2026-03-05 10:00:31,2026-03-05 10:05:00,40.00,1,paid,0,,");
        bed.Ingest();

        var credited = bed.Credit("o1", "order_created");
        Assert.Equal("A1", credited["agent_id"]);
        Assert.Equal("2026-03-02 10:00:30", credited["window_from"]);
        Assert.Equal("2026-03-02 10:00:30", credited["message_at"]);
        Assert.Null(bed.Credit("o2", "order_created")["agent_id"]);

        var a1 = bed.Agent("A1", "2026-03-05");
        Assert.Equal(100, MartBed.Number(a1, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a1, "sales_buyers"));
        var store = bed.Store("S", "2026-03-05");
        Assert.Equal(140, MartBed.Number(store, "total_paid_amount"));
        Assert.Equal(40, MartBed.Number(store, "silent_amount"));

        var day = bed.Agent("A1", "2026-03-02");
        Assert.Equal(2, MartBed.Number(day, "inquiry_buyers"));
        Assert.Equal(0, MartBed.Number(day, "inquiry_paid_next_day"));
        Assert.Equal(1, MartBed.Number(day, "inquiry_paid_final"));
        Assert.Equal(0.5, MartBed.Number(day, "final_conversion")!.Value, 6);
    }

    [Fact]
    public void A_message_in_a_filtered_consultation_does_not_credit()
    {
        // b9 is blocked: A1's answer m2 is in a filtered consultation → o9 (80) is silent.
        // b2 talked to A2 on 03-01 (received, m4 15:01), then sent A1 only an ad on 03-02 (filtered): A1's m6 does not count,
        // the last message in a reception inside 02-27 11:00 … 03-02 11:00 is m4 → o2 (60) is A2's.
        // 03-02: A2 sells 60 (a row without a reception that day), A1 0; store total 140, silent 80.
        bed.Setting("filter_buyers", "[\"b9\"]", "2026-03-01");
        bed.Chats(
            "m1,S,b9,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b9,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b2,A2,buyer,2026-03-01 15:00:00,有货吗",
            "m4,S,b2,A2,agent,2026-03-01 15:01:00,有",
            "m5,S,b2,A1,buyer,2026-03-02 10:00:00,加微信 abc",
            "m6,S,b2,A1,agent,2026-03-02 10:01:00,不加");
        bed.Orders(
            "o9,S,b9,2026-03-02 11:00:00,2026-03-02 11:05:00,80.00,1,paid,0,,",
            "o2,S,b2,2026-03-02 11:00:00,2026-03-02 11:05:00,60.00,1,paid,0,,");
        bed.Ingest();

        Assert.Null(bed.Credit("o9", "order_created")["agent_id"]);
        Assert.Null(bed.Credit("o9", "paid")["agent_id"]);
        var o2 = bed.Credit("o2", "order_created");
        Assert.Equal("A2", o2["agent_id"]);
        Assert.Equal("S#m4", o2["message_key"]);
        Assert.Equal("2026-03-01", o2["message_day"]);

        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-02"), "sales_amount"));
        var a2 = bed.Agent("A2", "2026-03-02");
        Assert.Equal(60, MartBed.Number(a2, "sales_amount"));
        Assert.Equal(0, MartBed.Number(a2, "received_buyers"));
        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(140, MartBed.Number(store, "total_paid_amount"));
        Assert.Equal(80, MartBed.Number(store, "silent_amount"));
    }

    [Fact]
    public void Only_agent_messages_in_a_reception_credit_not_auto_replies_nor_messages_outside_receptions()
    {
        // count_auto_replies = true makes m4 a reply, but an auto message never credits: o1 (b1, 10:30) goes to A2 (m2, 03-01 15:01).
        // b2 never wrote on 03-02: A3's message m5 is in no reception → o2 is silent.
        bed.Setting("count_auto_replies", "true", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A2,buyer,2026-03-01 15:00:00,有货吗",
            "m2,S,b1,A2,agent,2026-03-01 15:01:00,有",
            "m3,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b1,A1,auto,2026-03-02 10:00:05,您好，欢迎光临",
            "m5,S,b2,A3,agent,2026-03-02 10:00:00,亲，您的购物车商品降价了");
        bed.Orders(
            "o1,S,b1,2026-03-02 10:30:00,2026-03-02 10:35:00,100.00,1,paid,0,,",
            "o2,S,b2,2026-03-02 10:30:00,2026-03-02 10:35:00,30.00,1,paid,0,,");
        bed.Ingest();

        Assert.Equal("S#m2", bed.Credit("o1", "order_created")["message_key"]);
        Assert.Equal("A2", bed.Credit("o1", "order_created")["agent_id"]);
        Assert.Null(bed.Credit("o2", "order_created")["agent_id"]);
        Assert.Equal(100, MartBed.Number(bed.Agent("A2", "2026-03-02"), "sales_amount"));
        Assert.Equal(0, MartBed.Number(bed.Agent("A1", "2026-03-02"), "sales_amount"));
        Assert.Equal(30, MartBed.Number(bed.Store("S", "2026-03-02"), "silent_amount"));
    }

    [Fact]
    public void Two_agent_messages_at_one_instant_the_later_loaded_credits()
    {
        // A1's m3 and A2's m4 are both at 10:01:00; m4 is loaded after m3 → the last message is m4 → A2.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A2,buyer,2026-03-02 10:00:30,在吗",
            "m3,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m4,S,b1,A2,agent,2026-03-02 10:01:00,在");
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,");
        bed.Ingest();

        Assert.Equal("A2", bed.Credit("o1", "order_created")["agent_id"]);
        Assert.Equal("S#m4", bed.Credit("o1", "order_created")["message_key"]);
        Assert.Equal(100, MartBed.Number(bed.Agent("A2", "2026-03-02"), "sales_amount"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_buyer_with_many_orders_is_credited_by_the_same_rules(bool fifthOrder)
    {
        // b1's orders are credited by the same rules whether b1 has 4 orders or 5 (fifthOrder): a way of finding the last
        // messages chosen by a buyer's number of orders (tried in round 12, docs/benchmarks.md) must credit them alike.
        // m4 (A2) and m5 (A1) are both at 10:01:00, m5 loaded later. o1 created 11:00 → m5 (A1); paid 03-03 13:00 → m7 (A2).
        // o2 created 03-06 12:00:00 (unpaid): window from 03-03 12:00:00 → m7 exactly at its start (A2); o3 one second
        // later → silent. o4 created before any message (silent), paid 10:02 → m5 (A1), so order_first takes the payment.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:00:30,在",
            "m3,S,b1,A2,buyer,2026-03-02 10:00:40,在吗",
            "m4,S,b1,A2,agent,2026-03-02 10:01:00,在",
            "m5,S,b1,A1,agent,2026-03-02 10:01:00,在的",
            "m6,S,b1,A2,buyer,2026-03-03 11:59:00,还在吗",
            "m7,S,b1,A2,agent,2026-03-03 12:00:00,好的");
        var orders = new List<string>
        {
            "o1,S,b1,2026-03-02 11:00:00,2026-03-03 13:00:00,100.00,1,paid,0,,",
            "o2,S,b1,2026-03-06 12:00:00,,40.00,1,created,0,,",
            "o3,S,b1,2026-03-06 12:00:01,,30.00,1,created,0,,",
            "o4,S,b1,2026-03-01 09:00:00,2026-03-02 10:02:00,20.00,1,paid,0,,",
        };
        if (fifthOrder)
            orders.Add("o5,S,b1,2026-03-08 09:00:00,,10.00,1,created,0,,");
        bed.Orders(orders.ToArray());
        bed.Ingest();

        Assert.Equal("S#m5", bed.Credit("o1", "order_created")["message_key"]);
        Assert.Equal("A1", bed.Credit("o1", "order_created")["agent_id"]);
        Assert.Equal("S#m7", bed.Credit("o1", "paid")["message_key"]);
        Assert.Equal("2026-03-03", bed.Credit("o1", "paid")["message_day"]);
        Assert.Equal("S#m5", bed.Credit("o1", "order_first")["message_key"]);

        var o2 = bed.Credit("o2", "order_created");
        Assert.Equal("A2", o2["agent_id"]);
        Assert.Equal("2026-03-03 12:00:00", o2["window_from"]);
        Assert.Equal("2026-03-03 12:00:00", o2["message_at"]);
        Assert.Null(bed.Credit("o2", "paid")["agent_id"]);
        Assert.Null(bed.Credit("o2", "paid")["window_from"]);
        Assert.Equal("created_at", bed.Credit("o2", "order_first")["basis"]);
        Assert.Equal("A2", bed.Credit("o2", "order_first")["agent_id"]);
        Assert.Null(bed.Credit("o3", "order_created")["agent_id"]);
        Assert.Null(bed.Credit("o3", "order_created")["message_key"]);

        Assert.Null(bed.Credit("o4", "order_created")["agent_id"]);
        Assert.Equal("S#m5", bed.Credit("o4", "paid")["message_key"]);
        var o4 = bed.Credit("o4", "order_first");
        Assert.Equal("paid_at", o4["basis"]);
        Assert.Equal("A1", o4["agent_id"]);
        Assert.Equal("2026-03-02 10:02:00", o4["window_to"]);
        if (fifthOrder)
            Assert.Null(bed.Credit("o5", "order_created")["agent_id"]);
    }

    [Fact]
    public void Chats_loaded_after_the_order_credit_it_on_the_next_ingest()
    {
        // First ingest: only the order → silent: store total 100, silent 100, cs_sales_share 0.
        // Second ingest: the conversation of 10:00/10:01 arrives → A1 credited: A1 sells 100, silent 0, share 1,
        // and b1's inquiry converts (created 11:00 after 10:00, paid the same day) → 1/1.
        bed.Orders("o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,1,paid,0,,");
        bed.Ingest();
        var before = bed.Store("S", "2026-03-02");
        Assert.Equal(100, MartBed.Number(before, "silent_amount"));
        Assert.Equal(0.0, MartBed.Number(before, "cs_sales_share")!.Value, 6);

        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在");
        bed.Ingest();

        var a1 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(100, MartBed.Number(a1, "sales_amount"));
        Assert.Equal(1.0, MartBed.Number(a1, "next_day_conversion")!.Value, 6);
        var after = bed.Store("S", "2026-03-02");
        Assert.Equal(0, MartBed.Number(after, "silent_amount"));
        Assert.Equal(1.0, MartBed.Number(after, "cs_sales_share")!.Value, 6);
    }

    [Fact]
    public void Assists_count_other_agents_messages_from_creation_minus_the_window_to_payment()
    {
        // o1 (100, created 03-05 11:00) and o2 (20, created 03-05 11:30) are both A1's (m6, 03-05 10:01), both paid 03-06 12:00.
        // o1's assist window is 03-02 11:00:00 … 03-06 12:00:00.
        //   A2 wrote at 03-02 11:00:00 (the first instant) → assists; A3 at 10:59:59 (1 s early) → no;
        //   A5 at 03-06 11:59:59 → assists; A4 at 12:00:01 (after payment) → no. A1 is the credited agent → no.
        // On the paid day 03-06: A1 sells 120 to 1 buyer (aov 120); A2 1 and A5 1 (distinct buyers, two orders of b1);
        // A3 has no row that day; store assists 2.
        bed.Chats(
            "m1,S,b1,A2,buyer,2026-03-02 10:59:00,在吗",
            "m2,S,b1,A2,agent,2026-03-02 11:00:00,在",
            "m3,S,b1,A3,buyer,2026-03-02 10:58:00,在吗",
            "m4,S,b1,A3,agent,2026-03-02 10:59:59,在",
            "m5,S,b1,A1,buyer,2026-03-05 10:00:00,有货吗",
            "m6,S,b1,A1,agent,2026-03-05 10:01:00,有",
            "m7,S,b1,A5,buyer,2026-03-06 11:59:00,能开发票吗",
            "m8,S,b1,A5,agent,2026-03-06 11:59:59,能",
            "m9,S,b1,A4,buyer,2026-03-06 12:00:00,已付款",
            "m10,S,b1,A4,agent,2026-03-06 12:00:01,好的");
        bed.Orders(
            "o1,S,b1,2026-03-05 11:00:00,2026-03-06 12:00:00,100.00,1,paid,0,,",
            "o2,S,b1,2026-03-05 11:30:00,2026-03-06 12:00:00,20.00,1,paid,0,,");
        bed.Ingest();

        Assert.Equal("A1", bed.Credit("o1", "order_created")["agent_id"]);
        Assert.Equal("A1", bed.Credit("o2", "order_created")["agent_id"]);

        var a1 = bed.Agent("A1", "2026-03-06");
        Assert.Equal(120, MartBed.Number(a1, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a1, "sales_buyers"));
        Assert.Equal(120, MartBed.Number(a1, "aov")!.Value, 6);
        Assert.Equal(0, MartBed.Number(a1, "assist_buyers"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A2", "2026-03-06"), "assist_buyers"));
        Assert.Equal(0, bed.AgentRows("A3", "2026-03-06"));
        Assert.Equal(0, MartBed.Number(bed.Agent("A4", "2026-03-06"), "assist_buyers"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A5", "2026-03-06"), "assist_buyers"));
        Assert.Equal(2, MartBed.Number(bed.Store("S", "2026-03-06"), "assist_buyers"));
    }

    [Fact]
    public void A_later_conversation_loaded_late_takes_the_credit_and_the_conversion()
    {
        // Ingest 1: A1 answered b1 on 03-01 10:01; o1 created 03-03 09:00 (window from 02-28 09:00) → A1; paid 03-03 09:05.
        //   A1 03-01: 1 inquiry, paid on D+2 → final 1, next 0. A1 03-03: sells 100.
        // Ingest 2: a conversation with A2 on 03-03 08:00/08:01, before the order, arrives late → o1 is A2's.
        //   A1 03-01: final 0 (its reception day is two days before the new file's day). A2 03-03: sells 100, its inquiry
        //   converts the same day → 1/1. A1 wrote inside 02-28 09:00 … 03-03 09:05 → A1 assists 1 on 03-03.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-01 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-01 10:01:00,在");
        bed.Orders("o1,S,b1,2026-03-03 09:00:00,2026-03-03 09:05:00,100.00,1,paid,0,,");
        bed.Ingest();
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-01"), "inquiry_paid_final"));
        Assert.Equal(100, MartBed.Number(bed.Agent("A1", "2026-03-03"), "sales_amount"));

        bed.Chats(
            "m3,S,b1,A2,buyer,2026-03-03 08:00:00,还有货吗",
            "m4,S,b1,A2,agent,2026-03-03 08:01:00,有");
        bed.Ingest();

        Assert.Equal("S#m4", bed.Credit("o1", "order_created")["message_key"]);
        var a1Day = bed.Agent("A1", "2026-03-01");
        Assert.Equal(1, MartBed.Number(a1Day, "inquiry_buyers"));
        Assert.Equal(0, MartBed.Number(a1Day, "inquiry_paid_final"));
        Assert.Equal(0.0, MartBed.Number(a1Day, "final_conversion")!.Value, 6);
        var a1 = bed.Agent("A1", "2026-03-03");
        Assert.Equal(0, MartBed.Number(a1, "sales_amount"));
        Assert.Equal(1, MartBed.Number(a1, "assist_buyers"));
        var a2 = bed.Agent("A2", "2026-03-03");
        Assert.Equal(100, MartBed.Number(a2, "sales_amount"));
        Assert.Equal(1.0, MartBed.Number(a2, "next_day_conversion")!.Value, 6);
    }
}
