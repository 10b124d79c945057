using CsKpi.Warehouse.Planning;
using Dapper;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary>The weekly chat sample of <see cref="SampleWeek"/>; every test starts with a run, which is idempotent.</summary>
public sealed class SamplingTests(SampleWeek week) : IClassFixture<SampleWeek>
{
    private readonly Warehouse.WarehouseDatabase warehouse = week.Bed.Warehouse;

    private IReadOnlyList<SampledReception> Sampled(string? agent = null)
    {
        ChatSamplingJob.Run(warehouse, SampleWeek.Week);
        return ChatReviews.Sample(warehouse, SampleWeek.Week, agent);
    }

    [Fact]
    public void Each_reason_picks_its_receptions_per_agent()
    {
        var b1 = Sampled("B1");

        string Reason(string buyer) => b1.Single(s => s.ConsultationKey == week.Key(buyer)).Reason;
        Assert.Equal("slowest", Reason("tb_r1"));
        Assert.Equal("slowest", Reason("tb_r2"));
        Assert.Equal("unanswered", Reason("tb_r3"));
        Assert.Equal("unconverted", Reason("tb_dave"));
        Assert.Equal("unconverted", Reason("tb_r7"));
        Assert.Equal("largest_order", Reason("tb_r5"));
        Assert.Equal(900, b1.Single(s => s.Reason == "largest_order").ReasonValue);
        Assert.Equal(300, b1.Single(s => s.ConsultationKey == week.Key("tb_r1")).ReasonValue);
        // the rest are r6 and r8–r12: 2 % of 6 rounded up is one
        var random = Assert.Single(b1, s => s.Reason == "random");
        Assert.Contains(random.ConsultationKey, new[] { "tb_r6", "tb_r8", "tb_r9", "tb_r10", "tb_r11", "tb_r12" }.Select(week.Key));
        Assert.Equal(7, b1.Count);
        Assert.All(b1, s => Assert.Equal(new DateOnly(2026, 3, 10), s.BusinessDay));
        Assert.Equal("t***1", b1.Single(s => s.Reason == "slowest" && s.ReasonValue == 300).Buyer);
    }

    [Fact]
    public void Every_agent_of_the_week_is_sampled_and_the_next_week_is_not()
    {
        var all = Sampled();

        var b2 = Assert.Single(all, s => s.AgentId == "B2");
        Assert.Equal(("slowest", 30.0), (b2.Reason, b2.ReasonValue));
        Assert.DoesNotContain(all, s => s.ConsultationKey == week.Key("tb_n1"));
    }

    [Fact]
    public void A_rerun_picks_the_same_sample_and_nothing_twice()
    {
        var first = Sampled();

        var again = ChatSamplingJob.Run(warehouse, SampleWeek.Week);

        Assert.Equal(0, again.Picked);
        Assert.Equal((2, 2, first.Count), (again.AgentsAlreadySampled, again.AgentsSampled, again.SampleSize));
        Assert.Equal(first, ChatReviews.Sample(warehouse, SampleWeek.Week));
    }

    [Fact]
    public void The_week_starts_on_a_monday()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatSamplingJob.Run(warehouse, new DateOnly(2026, 3, 11)));

        Assert.Contains("2026-03-11 is a Wednesday; a sample week starts on a Monday, e.g. 2026-03-09", error.Message, StringComparison.Ordinal);
        Assert.Equal(SampleWeek.Week, ChatSamplingJob.LastWholeWeek(new DateOnly(2026, 3, 16)));
        Assert.Equal(SampleWeek.Week, ChatSamplingJob.LastWholeWeek(new DateOnly(2026, 3, 22)));
    }

    [Fact]
    public void A_conversation_masks_the_buyer_unless_asked_not_to()
    {
        var key = week.Key("tb_dave");

        var masked = ChatReviews.Load(warehouse, key);
        var plain = ChatReviews.Load(warehouse, key, unmasked: true);

        Assert.Equal(("t***e", true, "B1"), (masked.Buyer, masked.IsMasked, masked.AgentId));
        Assert.Equal(["buyer", "buyer", "buyer", "agent"], masked.Messages.Select(m => m.Sender));
        Assert.Equal(["我是t***e", "电话138****5678", "能改地址吗", "可以的"], masked.Messages.Select(m => m.Content));
        Assert.Equal(["我是tb_dave", "电话13812345678"], plain.Messages.Take(2).Select(m => m.Content));
        Assert.Equal("tb_dave", plain.Buyer);
        Assert.Equal(new DateTime(2026, 3, 10, 9, 30, 0), masked.Messages[0].SentAt);
    }
}

/// <summary>Sampling a week whose data arrives late: a sampled agent keeps its sample, a new agent gets one.</summary>
public sealed class LateSamplingTests : IDisposable
{
    private readonly SampleWeek week = new();

    public void Dispose() => week.Dispose();

    [Fact]
    public void Late_chats_never_reshuffle_a_sample_but_a_new_agent_is_sampled()
    {
        ChatSamplingJob.Run(week.Bed.Warehouse, SampleWeek.Week);
        var before = ChatReviews.Sample(week.Bed.Warehouse, SampleWeek.Week);
        week.Bed.Chats(
            "late1,S,tb_late,B1,buyer,2026-03-12 10:00:00,还在吗",
            "late2,S,tb_late3,B3,buyer,2026-03-12 10:00:00,在吗",
            "late3,S,tb_late3,B3,agent,2026-03-12 10:10:00,在");
        week.Bed.Ingest();

        var run = ChatSamplingJob.Run(week.Bed.Warehouse, SampleWeek.Week);

        Assert.Equal((1, 2, 3), (run.Picked, run.AgentsAlreadySampled, run.AgentsSampled));
        var after = ChatReviews.Sample(week.Bed.Warehouse, SampleWeek.Week);
        Assert.Equal(before, after.Where(s => s.AgentId != "B3"));
        Assert.Equal("slowest", Assert.Single(after, s => s.AgentId == "B3").Reason);
    }

    [Fact]
    public void Sizes_are_the_stores_settings()
    {
        // S: one slowest, no unanswered, unconverted or largest order, and every other reception at random
        using (var connection = week.Bed.Warehouse.OpenConnection())
        {
            connection.Execute("""
                insert into app.planning_setting (store_id, code, value, effective_from) values
                    ('S', 'sample_slowest', '1', date '2026-01-01'), ('S', 'sample_unanswered', '0', date '2026-01-01'),
                    ('S', 'sample_unconverted', '0', date '2026-01-01'), ('S', 'sample_largest_orders', '0', date '2026-01-01'),
                    ('S', 'sample_random_share', '1', date '2026-01-01')
                """);
        }

        var run = ChatSamplingJob.Run(week.Bed.Warehouse, SampleWeek.Week);

        var b1 = ChatReviews.Sample(week.Bed.Warehouse, SampleWeek.Week, "B1");
        Assert.Equal(13, run.SampleSize);
        Assert.Equal(week.Key("tb_r1"), Assert.Single(b1, s => s.Reason == "slowest").ConsultationKey);
        Assert.Equal(11, b1.Count(s => s.Reason == "random"));
    }
}

/// <summary>Reviews of the sample: the rubric, the score rule, examples and the monthly score.</summary>
public sealed class ReviewTests : IDisposable
{
    private readonly SampleWeek week = new();

    public ReviewTests() => ChatSamplingJob.Run(week.Bed.Warehouse, SampleWeek.Week);

    public void Dispose() => week.Dispose();

    private static Dictionary<string, double> AllPassed() => new()
    {
        ["greeting"] = 1, ["responsiveness"] = 1, ["product_knowledge"] = 1, ["selling"] = 1, ["resolution"] = 1, ["tone"] = 1,
        ["courtesy_red_line"] = 1, ["compliance"] = 1,
    };

    [Fact]
    public void The_default_rubric_has_weights_of_100_and_two_critical_categories()
    {
        var rubric = ChatReviews.RubricFor(week.Bed.Warehouse, "S", new DateOnly(2026, 3, 10));

        Assert.Equal(("*", new DateOnly(2000, 1, 1)), (rubric.StoreId, rubric.EffectiveFrom));
        Assert.Equal(100m, rubric.Categories.Sum(c => c.Weight));
        Assert.Equal(["courtesy_red_line", "compliance"], rubric.Categories.Where(c => c.IsCritical).Select(c => c.Category));
        Assert.All(rubric.Categories, c => Assert.False(string.IsNullOrWhiteSpace(c.NameZh + c.NameEn + c.GuideZh + c.GuideEn)));
    }

    [Fact]
    public void Scores_are_weighted_a_failed_critical_category_scores_zero_and_the_month_averages_them()
    {
        var warehouse = week.Bed.Warehouse;
        var half = AllPassed();
        half["selling"] = 0.5;
        var failed = AllPassed();
        failed["compliance"] = 0;

        var good = ChatReviews.Save(warehouse, new ReviewInput(week.Key("tb_r5"), half, "搭配推荐到位", "good", "质检小王"));
        var bad = ChatReviews.Save(warehouse, new ReviewInput(week.Key("tb_dave"), failed, "引导加微信", "bad", "质检小王"));

        // selling weighs 20 of 100: half of it loses 10 points
        Assert.Equal((90.0, false), (Math.Round(good.Score, 9), good.CriticalFailed));
        Assert.Equal((0.0, true), (bad.Score, bad.CriticalFailed));
        var month = Assert.Single(ChatReviews.MonthlyScores(warehouse, "B1"));
        Assert.Equal(("2026-03", 2L, 45.0, 1L, 1L, 1L), (month.Month, month.Reviews, Math.Round(month.ReviewScore, 9), month.CriticalFailures,
            month.GoodExamples, month.BadExamples));
        Assert.Equal(["bad", "good"], ChatReviews.Examples(warehouse, "S").Select(e => e.Example).Order());
        Assert.Equal("引导加微信", Assert.Single(ChatReviews.Examples(warehouse, example: "bad")).Comment);
        Assert.Equal(90.0, ChatReviews.Sample(warehouse, SampleWeek.Week, "B1").Single(s => s.ConsultationKey == week.Key("tb_r5")).ReviewScore!.Value, 9);
        var march = ChatReviews.ForAgent(warehouse, "B1", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        Assert.Equal(7, march.Count);
        Assert.Equal([0.0, 90.0], march.Where(s => s.ReviewScore is not null).Select(s => s.ReviewScore!.Value).Order());
        Assert.Empty(ChatReviews.ForAgent(warehouse, "B1", new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 31)));
        Assert.Equal(8L, week.Bed.Scalar<long>("select count(*) from app.chat_review_score where consultation_key = $key", new { key = week.Key("tb_dave") }));
    }

    [Fact]
    public void Saving_again_replaces_the_review()
    {
        var key = week.Key("tb_r1");
        ChatReviews.Save(week.Bed.Warehouse, new ReviewInput(key, AllPassed(), null, "good", "甲"));

        var again = ChatReviews.Save(week.Bed.Warehouse, new ReviewInput(key, AllPassed(), "复核", null, "乙"));

        Assert.Equal(100.0, again.Score, 9);
        Assert.Equal(1, Assert.Single(ChatReviews.MonthlyScores(week.Bed.Warehouse, "B1")).Reviews);
        Assert.Empty(ChatReviews.Examples(week.Bed.Warehouse));
    }

    [Fact]
    public void Only_sampled_receptions_are_reviewed_and_every_category_must_be_scored()
    {
        var warehouse = week.Bed.Warehouse;
        var sampled = ChatReviews.Sample(warehouse, SampleWeek.Week).Select(s => s.ConsultationKey).ToHashSet();
        var other = new[] { "tb_r6", "tb_r8", "tb_r9", "tb_r10", "tb_r11", "tb_r12" }.Select(week.Key).First(k => !sampled.Contains(k));
        var partial = AllPassed();
        partial.Remove("tone");

        var notSampled = Assert.Throws<PlanningException>(() => ChatReviews.Save(warehouse, new ReviewInput(other, AllPassed(), null, null, "甲")));
        var missing = Assert.Throws<ArgumentException>(() => ChatReviews.Save(warehouse, new ReviewInput(week.Key("tb_r1"), partial, null, null, "甲")));

        Assert.Contains("not in any week's sample", notSampled.Message, StringComparison.Ordinal);
        Assert.Contains("missing: tone", missing.Message, StringComparison.Ordinal);
        Assert.Empty(ChatReviews.MonthlyScores(warehouse));
    }
}
