using CsKpi.Warehouse.Planning;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary>The pure calculations of planning.md: Erlang C, the headcount formula, the revenue what-if.</summary>
public sealed class FormulaTests
{
    [Fact]
    public void Erlang_c_matches_the_published_vector()
    {
        // 100 contacts per 30 minutes, 180 s handling: A = 100 / 1800 × 180 = 10 Erlangs; 14 agents, target 20 s.
        var traffic = 100.0 / 1800 * 180;

        var queue = ErlangC.Evaluate(traffic, 14, 180, 20);

        Assert.True(queue.IsStable);
        Assert.Equal(0.1741, queue.WaitProbability, 4);
        Assert.Equal(0.8884, queue.ServiceLevel, 4);
        Assert.Equal(7.84, queue.AverageSpeedOfAnswerSeconds, 2);
    }

    [Fact]
    public void Agents_needed_is_the_fewest_that_reach_the_service_level()
    {
        // 13 agents answer 79.6 % within 20 s, 14 agents 88.8 %: 80 % needs 14.
        var needed = ErlangC.AgentsNeeded(10, 180, 0.8, 20);

        Assert.Equal(14, needed.Agents);
        Assert.Equal(0.7956, ErlangC.Evaluate(10, 13, 180, 20).ServiceLevel, 4);
        Assert.Equal(ErlangC.Evaluate(10, 14, 180, 20), needed);
    }

    [Fact]
    public void As_many_agents_as_traffic_or_fewer_is_an_unstable_queue_not_a_number()
    {
        foreach (var agents in new[] { 0, 5, 10 })
        {
            var queue = ErlangC.Evaluate(10, agents, 180, 20);

            Assert.False(queue.IsStable);
            Assert.Equal(1, queue.WaitProbability);
            Assert.Equal(0, queue.ServiceLevel);
            Assert.True(double.IsPositiveInfinity(queue.AverageSpeedOfAnswerSeconds));
        }

        // just above the traffic, the queue is stable again (and long)
        Assert.True(ErlangC.Evaluate(10, 11, 180, 20).IsStable);
        Assert.Equal(0.6821, ErlangC.Evaluate(10, 11, 180, 20).WaitProbability, 4);
    }

    [Fact]
    public void Hundreds_of_agents_neither_overflow_nor_lose_precision()
    {
        // 400 Erlangs: A^430 / 430! overflows a double long before; the recursion stays within 0–1.
        var queue = ErlangC.Evaluate(400, 430, 60, 20);

        Assert.Equal(0.0901, queue.WaitProbability, 4);
        Assert.Equal(0.18022, queue.AverageSpeedOfAnswerSeconds, 5);
        var needed = ErlangC.AgentsNeeded(400, 60, 0.8, 20);
        Assert.InRange(needed.Agents, 401, 430);
        Assert.True(needed.ServiceLevel >= 0.8);
        Assert.True(ErlangC.Evaluate(400, needed.Agents - 1, 60, 20).ServiceLevel < 0.8);
    }

    [Fact]
    public void No_arrivals_need_no_agents_and_a_bad_service_level_is_refused()
    {
        Assert.Equal(0, ErlangC.AgentsNeeded(0, 60, 0.8, 30).Agents);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(1, 60, 80, 30));
        Assert.Contains("0.8 for 80 %", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headcount_example_from_practice_is_twenty_agents()
    {
        // 2,000,000 ÷ 200 = 10,000 buyers × 30 % = 3,000 via customer service ÷ 50 % = 6,000 inquiries ÷ 300 = 20.
        var estimate = HeadcountFormula.Estimate(2_000_000m, StaffingInput.Typed(200m), StaffingInput.Typed(0.3m),
            StaffingInput.Typed(0.5m), StaffingInput.Typed(300m));

        Assert.Equal(10_000m, estimate.Buyers);
        Assert.Equal(3_000m, estimate.ServiceBuyers);
        Assert.Equal(6_000m, estimate.Inquiries);
        Assert.Equal(20m, estimate.ExactAgents);
        Assert.Equal(20, estimate.Agents);
    }

    [Fact]
    public void A_fraction_of_an_agent_rounds_up()
    {
        // one yuan more than the example needs 20.00001 agents: 21
        var estimate = HeadcountFormula.Estimate(2_000_001m, StaffingInput.Typed(200m), StaffingInput.Typed(0.3m),
            StaffingInput.Typed(0.5m), StaffingInput.Typed(300m));

        Assert.Equal(21, estimate.Agents);
    }

    [Theory]
    [InlineData(0, 200, 0.3, 0.5, 300, "target sales")]
    [InlineData(1000, 0, 0.3, 0.5, 300, "aov")]
    [InlineData(1000, 200, 30, 0.5, 300, "0.3 for 30 %")]
    [InlineData(1000, 200, 0.3, 0, 300, "conversion")]
    [InlineData(1000, 200, 0.3, 0.5, 0, "max receptions")]
    public void Bad_inputs_say_which_and_what_is_expected(double target, double aov, double share, double conversion, double receptions, string says)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HeadcountFormula.Estimate((decimal)target,
            StaffingInput.Typed((decimal)aov), StaffingInput.Typed((decimal)share), StaffingInput.Typed((decimal)conversion),
            StaffingInput.Typed((decimal)receptions)));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revenue_what_if_textbook_case()
    {
        var today = RevenueScenario.Typed("today", 100, 0.45m, 100);
        var better = RevenueScenario.Typed("better", 100, 0.60m, 100);

        var whatIf = RevenueComparison.Compare(today, better);

        Assert.Equal(4_500m, today.DailySales);
        Assert.Equal(6_000m, better.DailySales);
        Assert.Equal(1_500m, whatIf.DailyDifference);
        Assert.Equal(45_000m, whatIf.MonthlyDifference);
        Assert.Equal(547_500m, whatIf.YearlyDifference);
        Assert.Null(whatIf.DailyProfit);
        Assert.Null(whatIf.Payback);
    }

    [Fact]
    public void One_more_agent_at_five_thousand_a_month_pays_for_herself_in_under_a_week()
    {
        // 1,500 a day more sales at 50 % margin = 750 a day profit; 5,000 ÷ 750 = 6.67 days
        var whatIf = RevenueComparison.Compare(RevenueScenario.Typed("today", 100, 0.45m, 100),
            RevenueScenario.Typed("one more agent", 100, 0.60m, 100), grossMargin: 0.5m, monthlyCost: 5_000m);

        Assert.Equal(750m, whatIf.DailyProfit);
        Assert.Equal(22_500m, whatIf.MonthlyProfit);
        Assert.Equal(273_750m, whatIf.YearlyProfit);
        var payback = Assert.IsType<AgentPayback>(whatIf.Payback);
        Assert.Equal(6.67m, Math.Round(payback.PaybackDays!.Value, 2));
        Assert.True(payback.PaybackDays < 7);
        Assert.True(payback.PaysForHerself);
    }

    [Fact]
    public void A_worse_scenario_never_pays_back_and_a_cost_without_margin_is_refused()
    {
        var whatIf = RevenueComparison.Compare(RevenueScenario.Typed("a", 100, 0.6m, 100), RevenueScenario.Typed("b", 100, 0.45m, 100),
            grossMargin: 0.5m, monthlyCost: 5_000m);

        Assert.Equal(-1_500m, whatIf.DailyDifference);
        Assert.Null(whatIf.Payback!.PaybackDays);
        Assert.False(whatIf.Payback.PaysForHerself);
        var error = Assert.Throws<ArgumentException>(() => RevenueComparison.Compare(
            RevenueScenario.Typed("a", 1, 0.5m, 1), RevenueScenario.Typed("b", 1, 0.5m, 1), monthlyCost: 5_000m));
        Assert.Contains("gross margin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_review_rule_weights_categories_and_a_failed_critical_category_scores_zero()
    {
        var rubric = new Rubric("*", new DateOnly(2000, 1, 1),
        [
            new RubricCategory("product", 1, "产品", "Product", "", "", 60, false),
            new RubricCategory("tone", 2, "态度", "Tone", "", "", 40, false),
            new RubricCategory("compliance", 3, "合规", "Compliance", "", "", 0, true),
        ]);

        var (score, criticalFailed) = rubric.Score(new Dictionary<string, double> { ["product"] = 0.6, ["tone"] = 1, ["compliance"] = 1 });
        Assert.Equal(76.0, score, 9);
        Assert.False(criticalFailed);
        Assert.Equal((0.0, true), rubric.Score(new Dictionary<string, double> { ["product"] = 1, ["tone"] = 1, ["compliance"] = 0 }));
        Assert.Contains("missing: tone", Assert.Throws<ArgumentException>(
            () => rubric.Score(new Dictionary<string, double> { ["product"] = 1, ["compliance"] = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("1 passes it, 0 fails it", Assert.Throws<ArgumentOutOfRangeException>(
            () => rubric.Score(new Dictionary<string, double> { ["product"] = 1, ["tone"] = 1, ["compliance"] = 0.5 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buyer_ids_are_masked_to_their_first_and_last_character()
    {
        Assert.Equal("t***e", ChatReviews.MaskBuyer("tb_dave"));
        Assert.Equal("小***二", ChatReviews.MaskBuyer("小张三二"));
        Assert.Equal("***", ChatReviews.MaskBuyer("ab"));
    }
}
