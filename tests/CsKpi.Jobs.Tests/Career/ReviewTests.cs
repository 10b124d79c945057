using CsKpi.Warehouse.Career;

namespace CsKpi.Jobs.Tests.Career;

/// <summary>
/// The 2026H1 review of a store worked by hand. Every agent but the newcomers is L1 since 2025-07-01 (12 months at the
/// level by 2026-06-30); a promotion to L2 asks 3 months, avg ≥ 85, min ≥ 70 and courses C1, C2 (L1) and C3 (L2)
/// passed and valid on 2026-06-30. C2 is valid 12 months; C3 passes at 70.
/// </summary>
public sealed class ReviewFixture : IDisposable
{
    public ReviewFixture()
    {
        Career.Course("C1", "product", 60, "", "L1").Course("C2", "tools", 60, "12", "L1").Course("C3", "scripts", 70, "", "L2")
            .Course("C4", "mindset", 60, "", "");
        foreach (var agent in new[] { "at85", "below85", "min69", "hired3m", "hired2m", "retry", "expired", "top", "bottom", "warn59", "warn2", "nowarn", "idle", "gap" })
        {
            var hired = agent switch { "hired3m" => "2026-04-01", "hired2m" => "2026-04-02", _ => "2025-07-01" };
            var level = agent switch { "top" => "1.00", "bottom" or "warn2" or "nowarn" or "warn59" => "0.80", _ => "0.90" };
            Career.Agent(agent, hired, "L1", level);
            if (agent is not "top")
            {
                var passedC2 = agent == "expired" ? "2025-06-15" : "2025-09-01";
                Career.Event(agent, "C1", "2025-08-01", 80).Event(agent, "C2", passedC2, 80);
                if (agent == "retry")
                {
                    Career.Event(agent, "C3", "2025-10-01", 69).Event(agent, "C3", "2025-11-01", 70);
                }
                else
                {
                    Career.Event(agent, "C3", "2025-10-01", 75);
                }
            }
        }

        Career.Scores("at85", "2026-01", 70, 88, 88, 88, 88, 88)             // avg 85 exactly, min 70 exactly
            .Scores("below85", "2026-01", 70, 87.94, 88, 88, 88, 88)          // avg 84.99
            .Scores("min69", "2026-01", 69.99, 95, 95, 95, 95, 95)           // avg 90.83, min 69.99
            .Scores("hired3m", "2026-04", 90, 90, 90)                         // hired 2026-04-01: 3 months at L1
            .Scores("hired2m", "2026-04", 90, 90, 90)                         // hired 2026-04-02: 2 months at L1
            .Scores("retry", "2026-01", 85, 85, 85, 85, 85, 85)
            .Scores("expired", "2026-01", 85, 85, 85, 85, 85, 85)             // C2 expired 2026-06-15
            .Scores("top", "2026-01", 100, 100, 100, 100, 100, 100)           // no courses: +0.10 from 1.00, clamped at 1.0
            .Scores("bottom", "2026-01", 65, 65, 65, 65, 65, 65)              // −0.10 from 0.80, clamped at 0.8
            .Scores("warn59", "2026-01", 59.99, 59.99, 59.99, 59.99, 59.99, 59.99)
            .Scores("warn2", "2025-07", 69.99, 69.99, 69.99, 69.99, 69.99, 69.99, 69.99, 69.99, 69.99, 69.99, 69.99, 69.99)
            .Scores("nowarn", "2025-07", 70, 70, 70, 70, 70, 70, 69, 69, 69, 69, 69, 69)
            .Scores("idle", "2025-12", 95)
            .RatingOnly("idle", "2026-02", 10)                                 // no reception: left out
            .Scores("gap", "2026-01", 86, 86, 86).RatingOnly("gap", "2026-04", 10).Scores("gap", "2026-05", 86, 86)
            .Event("hired2m", "C4", "2026-05-01", null, "in_progress")
            .Load();
        // reply_rate below its target in bottom's two latest complete months; nowarn's only in June
        Career.Item("bottom", "2026-05", "reply_rate", 0.8, 1.0, "higher");
        Career.Item("bottom", "2026-06", "reply_rate", 0.9, 1.0, "higher");
        Career.Item("nowarn", "2026-06", "reply_rate", 0.8, 1.0, "higher");
        Result = Career.Review("2026H1");
    }

    public CareerBed Career { get; } = new();

    public HalfReviewResult Result { get; }

    public void Dispose() => Career.Dispose();
}

public sealed class ReviewTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private ReviewProposal Proposal(string agent) => fixture.Career.Proposal("2026H1", agent);

    [Fact]
    public void One_pending_proposal_per_active_agent()
    {
        Assert.Equal(14, fixture.Result.Proposals.Count);
        Assert.Equal(14, fixture.Result.Pending);
        Assert.All(fixture.Result.Proposals, p => Assert.Equal("pending", p.Status));
    }

    [Fact]
    public void Exactly_at_every_threshold_is_a_promotion_that_starts_at_the_new_levels_minimum()
    {
        var p = Proposal("at85");

        Assert.Equal(("promote", "L2", 0.90m), (p.Action, p.ProposedLevel, p.ProposedCoefficient));
        Assert.Equal(85, p.AvgScore!.Value, 9);
        Assert.Equal(70, p.MinScore!.Value, 9);
        Assert.Equal(12, p.MonthsAtLevel);
        Assert.All(p.Criteria.Where(c => c.Criterion is "months_at_level" or "avg_score" or "min_score" or "courses"), c => Assert.True(c.Passed, c.Criterion));
        var avg = CareerBed.Criterion(p, "avg_score");
        Assert.Equal((85.0, 85.0), (avg.Value!.Value, avg.Threshold!.Value));
        Assert.Equal("promote L1 → L2, coefficient 0.90 → 0.90", p.Summary);
    }

    [Fact]
    public void An_average_just_below_85_is_no_promotion_and_leaves_the_coefficient()
    {
        var p = Proposal("below85");

        Assert.Equal(("unchanged", "L1", 0.90m), (p.Action, p.ProposedLevel, p.ProposedCoefficient));
        Assert.Equal(84.99, p.AvgScore!.Value, 9);
        Assert.False(CareerBed.Criterion(p, "avg_score").Passed);
        Assert.True(CareerBed.Criterion(p, "min_score").Passed);
    }

    [Fact]
    public void A_month_just_below_70_blocks_the_promotion_and_the_good_band_steps_up()
    {
        var p = Proposal("min69");

        Assert.False(CareerBed.Criterion(p, "min_score").Passed);
        Assert.Equal(69.99, CareerBed.Criterion(p, "min_score").Value!.Value, 9);
        Assert.Equal(("coefficient_up", "L1", 0.95m), (p.Action, p.ProposedLevel, p.ProposedCoefficient));
    }

    [Fact]
    public void Agents_hired_mid_half_count_months_at_level_from_the_hire_and_only_their_months()
    {
        var exactly = Proposal("hired3m");
        var short_ = Proposal("hired2m");

        Assert.Equal((3, 3), (exactly.MonthsAtLevel, exactly.ScoredMonths));
        Assert.Equal("promote", exactly.Action);
        Assert.Equal(2, short_.MonthsAtLevel);
        Assert.False(CareerBed.Criterion(short_, "months_at_level").Passed);
        Assert.Equal(("coefficient_up", 0.95m), (short_.Action, short_.ProposedCoefficient));
    }

    [Fact]
    public void A_failed_attempt_followed_by_a_pass_at_the_pass_score_counts()
    {
        var p = Proposal("retry");

        Assert.True(CareerBed.Criterion(p, "courses").Passed);
        Assert.Equal("promote", p.Action);
    }

    [Fact]
    public void A_pass_expired_before_the_halfs_end_blocks_the_promotion_and_says_which()
    {
        var p = Proposal("expired");
        var courses = CareerBed.Criterion(p, "courses");

        Assert.False(courses.Passed);
        Assert.Equal((2.0, 3.0), (courses.Value!.Value, courses.Threshold!.Value));
        Assert.Equal("missing: C2 课程C2 (expired 2026-06-15)", courses.Note);
        Assert.Equal(("coefficient_up", 0.95m), (p.Action, p.ProposedCoefficient));
    }

    [Fact]
    public void The_coefficient_is_clamped_at_both_ends_of_the_range()
    {
        var top = Proposal("top");
        var bottom = Proposal("bottom");

        Assert.Equal(("unchanged", 1.00m), (top.Action, top.ProposedCoefficient));
        Assert.Contains("clamped to 0.80–1.00", CareerBed.Criterion(top, "coefficient_band").Note, StringComparison.Ordinal);
        Assert.False(CareerBed.Criterion(top, "courses").Passed);
        Assert.Equal(("unchanged", 0.80m), (bottom.Action, bottom.ProposedCoefficient));
        Assert.Contains("avg < 70", CareerBed.Criterion(bottom, "coefficient_band").Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_below_60_and_below_70_in_two_halves_running_and_not_at_70()
    {
        Assert.True(Proposal("warn59").IsWarning);
        Assert.False(CareerBed.Criterion(Proposal("warn59"), "warning_avg").Passed);
        Assert.True(Proposal("warn2").IsWarning);
        Assert.False(CareerBed.Criterion(Proposal("warn2"), "warning_two_halves").Passed);
        Assert.Equal(69.99, Proposal("warn2").PreviousAvgScore!.Value, 9);
        Assert.False(Proposal("nowarn").IsWarning);
        Assert.Equal(70, Proposal("nowarn").PreviousAvgScore!.Value, 9);
        Assert.False(Proposal("bottom").IsWarning);
        Assert.Null(Proposal("bottom").PreviousAvgScore);
    }

    [Fact]
    public void Months_with_no_reception_are_left_out_of_the_average()
    {
        var gap = Proposal("gap");
        var idle = Proposal("idle");

        Assert.Equal((5, 86.0, 86.0), (gap.ScoredMonths, gap.AvgScore!.Value, gap.MinScore!.Value));
        Assert.Equal("promote", gap.Action);
        Assert.Equal(0, idle.ScoredMonths);
        Assert.Null(idle.AvgScore);
        Assert.Equal(("unchanged", false), (idle.Action, idle.IsWarning));
        Assert.Contains("nothing to judge", CareerBed.Criterion(idle, "scored_months").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_pick_promotions_warnings_and_coefficient_moves()
    {
        var warehouse = fixture.Career.Bed.Warehouse;
        string Agents(string kind) => string.Join(",", HalfReview.Proposals(warehouse, new ProposalFilter("2026H1", Kind: kind)).Select(p => p.AgentId).Order());

        Assert.Equal("at85,gap,hired3m,retry", Agents("promote"));
        Assert.Equal("warn2,warn59", Agents("warning"));
        Assert.Equal("expired,hired2m,min69", Agents("coefficient"));
        Assert.Throws<ArgumentException>(() => HalfReview.Proposals(warehouse, new ProposalFilter(Kind: "sideways")));
    }
}
