namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Receptions, questions and responses of metrics.md, worked by hand.</summary>
public sealed class ReceptionTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void Questions_are_split_by_replies_and_response_times_are_means_over_answered_questions()
    {
        // Buyer b1 asks twice before the reply (one question, 10:00:00 → 10:00:30 = 30 s), asks again (10:01:00 → 10:02:30 = 90 s),
        // then asks a third time with no reply (unanswered). An auto reply in between is not a reply by default.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,buyer,2026-03-02 10:00:10,这个有货吗",
            "m3,S,b1,A1,auto,2026-03-02 10:00:12,您好，客服马上来",
            "m4,S,b1,A1,agent,2026-03-02 10:00:30,有的亲",
            "m5,S,b1,A1,buyer,2026-03-02 10:01:00,几天到",
            "m6,S,b1,A1,agent,2026-03-02 10:02:30,两天",
            "m7,S,b1,A1,agent,2026-03-02 10:02:40,江浙沪次日达",
            "m8,S,b1,A1,buyer,2026-03-02 10:30:00,好的");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(row, "received_buyers"));
        Assert.Equal(1, MartBed.Number(row, "replied_buyers"));
        Assert.Equal(4, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(3, MartBed.Number(row, "agent_messages"));
        Assert.Equal(30, MartBed.Number(row, "first_response_seconds"));
        Assert.Equal(60, MartBed.Number(row, "avg_response_seconds"));   // (30 + 90) / 2 answered questions
        Assert.Equal(1, MartBed.Number(row, "slow_buyers"));             // 90 s > 60 s
        // Gaps ≤ 10 min: 10+2+18+30+90+10 = 160 s; the 27 min 20 s gap before m8 does not count.
        Assert.Equal(160, MartBed.Number(row, "reception_seconds"));
        Assert.Equal(0.75, MartBed.Number(row, "qa_ratio"));
        Assert.Equal(3, bed.Scalar<long>("select count(*) from core.fct_question"));
    }

    [Fact]
    public void Auto_replies_are_neither_replies_nor_question_breaks_by_default()
    {
        // count_auto_replies = false: the auto reply m2 is dropped from the question turns, so m1 and m3 are one run.
        // Q1 10:00:00 → m4 10:00:50 = 50 s; Q2 10:01:00 → m6 10:01:20 = 20 s. first 50, mean (50 + 20) / 2 = 35, none > 60 s.
        // Gaps (auto counts as a message here): 5 + 15 + 30 + 10 + 20 = 80 s. agent_messages 2 (auto is not counted), buyer 3.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,auto,2026-03-02 10:00:05,您好，客服马上来",
            "m3,S,b1,A1,buyer,2026-03-02 10:00:20,有货吗",
            "m4,S,b1,A1,agent,2026-03-02 10:00:50,有的",
            "m5,S,b1,A1,buyer,2026-03-02 10:01:00,几天到",
            "m6,S,b1,A1,agent,2026-03-02 10:01:20,两天");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(2, bed.Scalar<long>("select count(*) from core.fct_question"));
        Assert.Equal(50, MartBed.Number(row, "first_response_seconds"));
        Assert.Equal(35, MartBed.Number(row, "avg_response_seconds"));
        Assert.Equal(0, MartBed.Number(row, "slow_buyers"));
        Assert.Equal(80, MartBed.Number(row, "reception_seconds"));
        Assert.Equal(3, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(2, MartBed.Number(row, "agent_messages"));
        Assert.Equal(2.0 / 3.0, MartBed.Number(row, "qa_ratio")!.Value, 6);
    }

    [Fact]
    public void Auto_replies_are_replies_when_count_auto_replies_is_true()
    {
        // Same messages, count_auto_replies = true: m2 answers Q1 (10:00:00 → 10:00:05 = 5 s), m3 follows a reply so it starts
        // Q2 (10:00:20 → m4 10:00:50 = 30 s), Q3 10:01:00 → 10:01:20 = 20 s. first 5, mean (5 + 30 + 20) / 3 = 18.333333.
        // agent_messages stays 2: an auto reply is never an agent message. Gaps unchanged: 80 s.
        bed.Setting("count_auto_replies", "true", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,auto,2026-03-02 10:00:05,您好，客服马上来",
            "m3,S,b1,A1,buyer,2026-03-02 10:00:20,有货吗",
            "m4,S,b1,A1,agent,2026-03-02 10:00:50,有的",
            "m5,S,b1,A1,buyer,2026-03-02 10:01:00,几天到",
            "m6,S,b1,A1,agent,2026-03-02 10:01:20,两天");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(3, bed.Scalar<long>("select count(*) from core.fct_question"));
        Assert.Equal(5, MartBed.Number(row, "first_response_seconds"));
        Assert.Equal(55.0 / 3.0, MartBed.Number(row, "avg_response_seconds")!.Value, 6);
        Assert.Equal(3, MartBed.Number(row, "answered_questions"));
        Assert.Equal(80, MartBed.Number(row, "reception_seconds"));
        Assert.Equal(2, MartBed.Number(row, "agent_messages"));
        Assert.Equal(1, MartBed.Number(row, "replied_buyers"));
    }

    [Fact]
    public void System_messages_take_no_part_in_questions_reception_time_or_consultations()
    {
        // b1: system cards m2, m4, m6 are ignored. One question 10:00:00 → m5 10:16:00 = 960 s (slow).
        // Gaps without system: m1→m3 20 s, m3→m5 940 s > 600 s (dropped) → 20 s. (With the cards the gaps would be
        // 10 + 10 + 460 + 480 + 240 = 1200 s, every one ≤ 600.) b2 only got a system card: no consultation.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,这个怎么买",
            "m2,S,b1,A1,system,2026-03-02 10:00:10,[商品卡片]",
            "m3,S,b1,A1,buyer,2026-03-02 10:00:20,在吗",
            "m4,S,b1,A1,system,2026-03-02 10:08:00,[订单卡片]",
            "m5,S,b1,A1,agent,2026-03-02 10:16:00,在的",
            "m6,S,b1,A1,system,2026-03-02 10:20:00,[评价邀请]",
            "m7,S,b2,A1,system,2026-03-02 11:00:00,[物流卡片]");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(row, "consult_buyers"));
        Assert.Equal(1, MartBed.Number(row, "received_buyers"));
        Assert.Equal(2, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(1, MartBed.Number(row, "agent_messages"));
        Assert.Equal(960, MartBed.Number(row, "first_response_seconds"));
        Assert.Equal(960, MartBed.Number(row, "avg_response_seconds"));
        Assert.Equal(1, MartBed.Number(row, "slow_buyers"));
        Assert.Equal(20, MartBed.Number(row, "reception_seconds"));
    }

    [Fact]
    public void Reception_time_counts_gaps_up_to_max_wait_minutes_and_only_of_replied_receptions()
    {
        // b1: gaps 600 s (= 10 min, counted), 601 s (> 10 min, dropped), 59 s → 659 s. Questions 600 s and 59 s.
        // b2 never gets a reply: its 60 s gap does not count. received 2, replied 1, reply_rate 0.5, avg_reception 659 / 1.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:10:00,在",
            "m3,S,b1,A1,buyer,2026-03-02 10:20:01,发什么快递",
            "m4,S,b1,A1,agent,2026-03-02 10:21:00,中通",
            "m5,S,b2,A1,buyer,2026-03-02 11:00:00,在吗",
            "m6,S,b2,A1,buyer,2026-03-02 11:01:00,人呢");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(2, MartBed.Number(row, "received_buyers"));
        Assert.Equal(1, MartBed.Number(row, "replied_buyers"));
        Assert.Equal(1, MartBed.Number(row, "unreplied_buyers"));
        Assert.Equal(0.5, MartBed.Number(row, "reply_rate")!.Value, 6);
        Assert.Equal(659, MartBed.Number(row, "reception_seconds"));
        Assert.Equal(659, MartBed.Number(row, "avg_reception_seconds")!.Value, 6);
        Assert.Equal(600, MartBed.Number(row, "first_response_seconds"));
        Assert.Equal(329.5, MartBed.Number(row, "avg_response_seconds")!.Value, 6);
        Assert.Equal(4, MartBed.Number(row, "buyer_messages"));
    }

    [Fact]
    public void Max_wait_minutes_setting_shortens_the_counted_gaps()
    {
        // max_wait_minutes = 5 (300 s): of b1's gaps 600 s, 601 s and 59 s only 59 s counts.
        bed.Setting("max_wait_minutes", "5", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:10:00,在",
            "m3,S,b1,A1,buyer,2026-03-02 10:20:01,发什么快递",
            "m4,S,b1,A1,agent,2026-03-02 10:21:00,中通");
        bed.Ingest();

        Assert.Equal(59, MartBed.Number(bed.Agent("A1", "2026-03-02"), "reception_seconds"));
    }

    private void SlowFixture()
    {
        // b1: 60 s (not slower than 60). b2: 61 s. b3: 70 s and 80 s. b4: 70 s and 30 s.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-02 10:01:01,在",
            "m5,S,b3,A1,buyer,2026-03-02 10:00:00,在吗",
            "m6,S,b3,A1,agent,2026-03-02 10:01:10,在",
            "m7,S,b3,A1,buyer,2026-03-02 10:02:00,包邮吗",
            "m8,S,b3,A1,agent,2026-03-02 10:03:20,包邮",
            "m9,S,b4,A1,buyer,2026-03-02 10:00:00,在吗",
            "m10,S,b4,A1,agent,2026-03-02 10:01:10,在",
            "m11,S,b4,A1,buyer,2026-03-02 10:02:00,包邮吗",
            "m12,S,b4,A1,agent,2026-03-02 10:02:30,包邮");
        bed.Ingest();
    }

    [Fact]
    public void Slow_buyers_by_default_have_one_answer_slower_than_60_seconds()
    {
        // > 60 s: b2 (61), b3 (70, 80), b4 (70) → 3 slow buyers; b1's 60 s is not slower than 60.
        // first = (60 + 61 + 70 + 70) / 4 = 65.25; mean = (60 + 61 + 70 + 80 + 70 + 30) / 6 = 371 / 6 = 61.833333.
        SlowFixture();
        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(3, MartBed.Number(row, "slow_buyers"));
        Assert.Equal(65.25, MartBed.Number(row, "first_response_seconds")!.Value, 6);
        Assert.Equal(371.0 / 6.0, MartBed.Number(row, "avg_response_seconds")!.Value, 6);
    }

    [Fact]
    public void Slow_count_two_needs_two_slow_answers()
    {
        // slow_count = 2: only b3 has two answers > 60 s (70, 80) → 1.
        bed.Setting("slow_count", "2", "2026-03-01");
        SlowFixture();
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-02"), "slow_buyers"));
    }

    [Fact]
    public void Slow_seconds_raises_the_threshold()
    {
        // slow_seconds = 65: b2's 61 s is no longer slow; b3 (70, 80) and b4 (70) are → 2.
        bed.Setting("slow_seconds", "65", "2026-03-01");
        SlowFixture();
        Assert.Equal(2, MartBed.Number(bed.Agent("A1", "2026-03-02"), "slow_buyers"));
    }

    [Fact]
    public void Agent_messages_before_the_first_question_belong_to_the_reception_and_midnight_splits_days()
    {
        // b1: the agent writes first (09:59:00); the question starts at the buyer's 10:00:00, answered at 10:00:20 (20 s);
        // the buyer's 10:05:00 is a second, unanswered question. agent_messages 2, buyer 2, gaps 60 + 20 + 280 = 360 s.
        // b2 asks at 23:59:30 on 03-02; the reply at 00:00:10 is on 03-03, another day: b2's 03-02 reception is unreplied,
        // and 03-03 has no consultation (the buyer did not write), so A1 has no row that day.
        bed.Chats(
            "m1,S,b1,A1,agent,2026-03-02 09:59:00,亲，上新了",
            "m2,S,b1,A1,buyer,2026-03-02 10:00:00,多少钱",
            "m3,S,b1,A1,agent,2026-03-02 10:00:20,99",
            "m4,S,b1,A1,buyer,2026-03-02 10:05:00,能便宜吗",
            "m5,S,b2,A1,buyer,2026-03-02 23:59:30,在吗",
            "m6,S,b2,A1,agent,2026-03-03 00:00:10,在的");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(2, MartBed.Number(row, "received_buyers"));
        Assert.Equal(1, MartBed.Number(row, "replied_buyers"));
        Assert.Equal(3, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(2, MartBed.Number(row, "agent_messages"));
        Assert.Equal(20, MartBed.Number(row, "first_response_seconds"));
        Assert.Equal(20, MartBed.Number(row, "avg_response_seconds"));
        Assert.Equal(1, MartBed.Number(row, "answered_questions"));
        Assert.Equal(360, MartBed.Number(row, "reception_seconds"));
        Assert.Equal(3, bed.Scalar<long>("select count(*) from core.fct_question"));
        Assert.Equal(0, bed.AgentRows("A1", "2026-03-03"));
    }

    [Fact]
    public void Messages_at_one_instant_keep_the_order_they_were_loaded_in()
    {
        // b1: buyer m1 and agent m2 share 10:00:00, the buyer's line first: m2 answers in 0 s.
        // b2: agent m3 and buyer m4 share 10:00:00, the agent's line first: m3 precedes the question, m5 (10:00:30) answers it: 30 s.
        // first = mean = (0 + 30) / 2 = 15.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:00:00,在",
            "m3,S,b2,A1,agent,2026-03-02 10:00:00,亲",
            "m4,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m5,S,b2,A1,agent,2026-03-02 10:00:30,在的");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(2, MartBed.Number(row, "replied_buyers"));
        Assert.Equal(15, MartBed.Number(row, "first_response_seconds")!.Value, 6);
        Assert.Equal(15, MartBed.Number(row, "avg_response_seconds")!.Value, 6);
    }

    [Fact]
    public void Messages_arriving_late_and_twice_are_ordered_by_time_and_counted_once()
    {
        // File 1: b1 asks at 10:00:00, the reply at 10:02:00 → 120 s. File 2 repeats m1 (same id: counted once) and brings
        // a reply m3 at 10:00:30 that was missing, listed before the question: the reply is now m3 → 30 s; buyer messages 1,
        // agent messages 2, gaps 30 + 90 = 120 s.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:02:00,在的");
        bed.Ingest();
        Assert.Equal(120, MartBed.Number(bed.Agent("A1", "2026-03-02"), "first_response_seconds"));

        bed.Chats(
            "m3,S,b1,A1,agent,2026-03-02 10:00:30,您好",
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗");
        bed.Ingest();
        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(30, MartBed.Number(row, "first_response_seconds"));
        Assert.Equal(1, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(2, MartBed.Number(row, "agent_messages"));
        Assert.Equal(120, MartBed.Number(row, "reception_seconds"));
        Assert.Equal(0, MartBed.Number(row, "slow_buyers"));
    }
}
