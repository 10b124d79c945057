namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Filtered consultations (接待过滤) of metrics.md: blocked buyers, ads, no text; 咨询 = 接待 + 过滤.</summary>
public sealed class FilterTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void Three_filter_reasons_and_consult_is_received_plus_filtered()
    {
        // filter_buyers = ["b9"]. b9 writes an ad, but blocked_buyer is tried first → blocked_buyer.
        // b2: every buyer message is an ad (加微信, a URL) → ad. b3: every buyer message empty → no_text.
        // b4: one ad and one normal message → a reception. b5: a normal reception.
        // consult 5 = received 2 + filtered 3. Only receptions count: buyer messages 2 (b4) + 1 (b5) = 3, agent messages 2,
        // responses b4 10:00:00 → 10:00:25 = 25 s, b5 10:00:00 → 10:00:15 = 15 s: first = mean = 20.
        bed.Setting("filter_buyers", "[\"b9\"]", "2026-03-01");
        bed.Chats(
            "m1,S,b9,A1,buyer,2026-03-02 10:00:00,加V看看",
            "m2,S,b9,A1,agent,2026-03-02 10:00:10,好",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,加微信 abc123 有惊喜",
            "m4,S,b2,A1,buyer,2026-03-02 10:00:05,https://t.cn/abc",
            "m5,S,b2,A1,agent,2026-03-02 10:00:30,不需要",
            "m6,S,b3,A1,buyer,2026-03-02 10:00:00,",
            "m7,S,b3,A1,buyer,2026-03-02 10:00:10,",
            "m8,S,b3,A1,agent,2026-03-02 10:00:40,亲？",
            "m9,S,b4,A1,buyer,2026-03-02 10:00:00,加微信 abc123",
            "m10,S,b4,A1,buyer,2026-03-02 10:00:05,这件有货吗",
            "m11,S,b4,A1,agent,2026-03-02 10:00:25,有的",
            "m12,S,b5,A1,buyer,2026-03-02 10:00:00,你好",
            "m13,S,b5,A1,agent,2026-03-02 10:00:15,您好");
        bed.Ingest();

        Assert.Equal("blocked_buyer", bed.FilterReason("A1", "b9", "2026-03-02"));
        Assert.Equal("ad", bed.FilterReason("A1", "b2", "2026-03-02"));
        Assert.Equal("no_text", bed.FilterReason("A1", "b3", "2026-03-02"));
        Assert.Null(bed.FilterReason("A1", "b4", "2026-03-02"));
        Assert.Null(bed.FilterReason("A1", "b5", "2026-03-02"));

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(5, MartBed.Number(row, "consult_buyers"));
        Assert.Equal(3, MartBed.Number(row, "filtered_buyers"));
        Assert.Equal(2, MartBed.Number(row, "received_buyers"));
        Assert.Equal(2, MartBed.Number(row, "replied_buyers"));
        Assert.Equal(1.0, MartBed.Number(row, "reply_rate")!.Value, 6);
        Assert.Equal(3, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(2, MartBed.Number(row, "agent_messages"));
        Assert.Equal(20, MartBed.Number(row, "first_response_seconds")!.Value, 6);
        Assert.Equal(20, MartBed.Number(row, "avg_response_seconds")!.Value, 6);
        Assert.Equal(2, MartBed.Number(row, "inquiry_buyers"));

        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(5, MartBed.Number(store, "consult_buyers"));
        Assert.Equal(3, MartBed.Number(store, "filtered_buyers"));
        Assert.Equal(2, MartBed.Number(store, "received_buyers"));
    }

    [Fact]
    public void Every_default_ad_pattern_filters_and_a_mixed_reception_is_not_filtered()
    {
        // Each of b1…b9 sends one message matching one default pattern (www., 加v, V信, 威信, 兼职, 刷单, QQ群, 代运营, http://)
        // → 9 ad consultations. b10 sends an ad and then a question → received (not every message is an ad).
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,看看 www.example.com",
            "m2,S,b2,A1,buyer,2026-03-02 10:00:00,加v聊",
            "m3,S,b3,A1,buyer,2026-03-02 10:00:00,V信同号",
            "m4,S,b4,A1,buyer,2026-03-02 10:00:00,威信联系",
            "m5,S,b5,A1,buyer,2026-03-02 10:00:00,招兼职",
            "m6,S,b6,A1,buyer,2026-03-02 10:00:00,专业刷单",
            "m7,S,b7,A1,buyer,2026-03-02 10:00:00,进QQ群领券",
            "m8,S,b8,A1,buyer,2026-03-02 10:00:00,代运营服务",
            "m9,S,b9,A1,buyer,2026-03-02 10:00:00,http://x.cn",
            "m10,S,b10,A1,buyer,2026-03-02 10:00:00,刷单吗",
            "m11,S,b10,A1,buyer,2026-03-02 10:00:01,算了，这个多少钱");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(10, MartBed.Number(row, "consult_buyers"));
        Assert.Equal(9, MartBed.Number(row, "filtered_buyers"));
        Assert.Equal(1, MartBed.Number(row, "received_buyers"));
        Assert.Equal(2, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(9, bed.Scalar<long>("select count(*) from core.fct_reception where filter_reason = 'ad'"));
    }

    [Fact]
    public void Filter_ad_patterns_setting_replaces_the_default_list()
    {
        // filter_ad_patterns = ["领券"]: b1's 领券 message is an ad; b2's 加微信 is no longer one → received.
        bed.Setting("filter_ad_patterns", "[\"领券\"]", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,领券链接",
            "m2,S,b2,A1,buyer,2026-03-02 10:00:00,加微信吗");
        bed.Ingest();

        Assert.Equal("ad", bed.FilterReason("A1", "b1", "2026-03-02"));
        Assert.Null(bed.FilterReason("A1", "b2", "2026-03-02"));
        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(row, "filtered_buyers"));
        Assert.Equal(1, MartBed.Number(row, "received_buyers"));
    }

    [Fact]
    public void An_empty_and_an_ad_message_together_are_neither_all_ad_nor_all_empty()
    {
        // b1: one ad and one empty message. Not every message matches a pattern (the empty one does not), not every
        // message is empty → a reception. b2: white space only is empty → no_text.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,加微信",
            "m2,S,b1,A1,buyer,2026-03-02 10:00:05,",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,   ");
        bed.Ingest();

        Assert.Null(bed.FilterReason("A1", "b1", "2026-03-02"));
        Assert.Equal("no_text", bed.FilterReason("A1", "b2", "2026-03-02"));
        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(2, MartBed.Number(row, "consult_buyers"));
        Assert.Equal(1, MartBed.Number(row, "received_buyers"));
        Assert.Equal(0, MartBed.Number(row, "replied_buyers"));
        Assert.Equal(0.0, MartBed.Number(row, "reply_rate")!.Value, 6);
    }

    [Fact]
    public void A_filtered_consultation_counts_no_slow_reply_and_no_question()
    {
        // b9 is blocked; its slow (120 s) answered question is not a reception's: slow_buyers 0, no fct_question rows,
        // reply_rate, first and mean response of A1 have no reception to come from → null.
        bed.Setting("filter_buyers", "[\"b9\"]", "2026-03-01");
        bed.Chats(
            "m1,S,b9,A1,buyer,2026-03-02 10:00:00,测试",
            "m2,S,b9,A1,agent,2026-03-02 10:02:00,收到");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(row, "consult_buyers"));
        Assert.Equal(1, MartBed.Number(row, "filtered_buyers"));
        Assert.Equal(0, MartBed.Number(row, "received_buyers"));
        Assert.Equal(0, MartBed.Number(row, "slow_buyers"));
        Assert.Equal(0, MartBed.Number(row, "reception_seconds"));
        Assert.Equal(0, MartBed.Number(row, "buyer_messages"));
        Assert.Equal(0, MartBed.Number(row, "agent_messages"));
        Assert.Null(row["reply_rate"]);
        Assert.Null(row["first_response_seconds"]);
        Assert.Null(row["avg_response_seconds"]);
        Assert.Null(row["qa_ratio"]);
        Assert.Equal(0, bed.Scalar<long>("select count(*) from core.fct_question"));
    }

    [Fact]
    public void A_change_of_ad_patterns_mid_month_filters_each_day_with_its_own_list()
    {
        // Default patterns until 03-09, ["领券"] from 03-10. 03-05: b1's 加微信 is an ad, b2's 领券 is not.
        // 03-12: b1's 加微信 is not an ad any more, b2's 领券 is.
        bed.Setting("filter_ad_patterns", "[\"领券\"]", "2026-03-10");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-05 10:00:00,加微信",
            "m2,S,b2,A1,buyer,2026-03-05 10:00:00,领券",
            "m3,S,b1,A1,buyer,2026-03-12 10:00:00,加微信",
            "m4,S,b2,A1,buyer,2026-03-12 10:00:00,领券");
        bed.Ingest();

        Assert.Equal("ad", bed.FilterReason("A1", "b1", "2026-03-05"));
        Assert.Null(bed.FilterReason("A1", "b2", "2026-03-05"));
        Assert.Null(bed.FilterReason("A1", "b1", "2026-03-12"));
        Assert.Equal("ad", bed.FilterReason("A1", "b2", "2026-03-12"));
    }

    [Fact]
    public void An_empty_ad_pattern_list_filters_no_ads()
    {
        // filter_ad_patterns = []: no message is an ad; b1's 加微信 and URL are a reception.
        bed.Setting("filter_ad_patterns", "[]", "2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,加微信",
            "m2,S,b1,A1,buyer,2026-03-02 10:00:05,https://t.cn/abc");
        bed.Ingest();

        Assert.Null(bed.FilterReason("A1", "b1", "2026-03-02"));
        Assert.Equal(1, MartBed.Number(bed.Agent("A1", "2026-03-02"), "received_buyers"));
    }
}
