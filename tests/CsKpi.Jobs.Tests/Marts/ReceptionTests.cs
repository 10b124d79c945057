namespace CsKpi.Jobs.Tests.Marts;

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
}
