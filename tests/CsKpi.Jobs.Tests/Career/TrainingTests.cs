using CsKpi.Warehouse.Career;

namespace CsKpi.Jobs.Tests.Career;

/// <summary>The training tracker on the review's fixture (see <see cref="ReviewFixture"/> for who passed what when).</summary>
public sealed class TrainingTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private static readonly DateOnly HalfEnd = new(2026, 6, 30);

    private Warehouse.WarehouseDatabase Warehouse => fixture.Career.Bed.Warehouse;

    private Dictionary<string, TrainingCell> Row(string agent, DateOnly asOf) =>
        TrainingTracker.Matrix(Warehouse, asOf).Where(c => c.AgentId == agent).ToDictionary(c => c.CourseId);

    [Fact]
    public void The_matrix_holds_the_courses_of_the_level_and_the_next_with_their_states()
    {
        var expired = Row("expired", HalfEnd);
        var top = Row("top", HalfEnd);

        Assert.Equal(["C1", "C2", "C3"], expired.Keys.Order());
        Assert.Equal(("passed", "current"), (expired["C1"].State, expired["C1"].RequiredFor));
        Assert.Equal(("expired", new DateOnly(2026, 6, 15)), (expired["C2"].State, expired["C2"].ExpiredOn));
        Assert.Equal(("passed", "next"), (expired["C3"].State, expired["C3"].RequiredFor));
        Assert.All(top.Values, c => Assert.Equal("missing", c.State));
    }

    [Fact]
    public void A_pass_expiring_within_30_days_is_expiring_and_listed()
    {
        var june1 = new DateOnly(2026, 6, 1);

        Assert.Equal("expiring", Row("expired", june1)["C2"].State);
        Assert.Equal("passed", Row("expired", new DateOnly(2026, 5, 15))["C2"].State);   // 31 days before it expires
        Assert.Equal(["expired"], TrainingTracker.Expiring(Warehouse, june1).Select(c => c.AgentId));
    }

    [Fact]
    public void The_record_shows_a_failed_attempt_then_the_pass_and_courses_in_progress()
    {
        var retry = TrainingTracker.Record(Warehouse, "retry", HalfEnd).Single(c => c.CourseId == "C3");
        var c4 = TrainingTracker.Record(Warehouse, "hired2m", HalfEnd).Single(c => c.CourseId == "C4");

        Assert.Equal(("passed", 70, 2L, 1L, new DateOnly(2025, 11, 1)), (retry.State, retry.Score!.Value, retry.Attempts, retry.Failures, retry.PassedOn!.Value));
        Assert.Equal("in_progress", c4.State);
        Assert.Equal("failed", TrainingTracker.Record(Warehouse, "retry", new DateOnly(2025, 10, 15)).Single(c => c.CourseId == "C3").State);
    }

    [Fact]
    public void Certified_junior_on_the_day_the_last_L1_course_was_passed()
    {
        var agents = TrainingTracker.Agents(Warehouse, HalfEnd).ToDictionary(a => a.AgentId);

        Assert.Equal(new DateOnly(2025, 9, 1), agents["at85"].CertifiedJuniorOn);
        Assert.Equal(new DateOnly(2025, 8, 1), agents["expired"].CertifiedJuniorOn);
        Assert.False(agents["top"].IsCertifiedJunior);
        Assert.Null(agents["top"].CertifiedJuniorOn);
        Assert.Equal(("L1", "L2"), (agents["top"].Level, agents["top"].NextLevel));
        Assert.Equal(1, agents["retry"].FailedAttempts);
    }

    [Fact]
    public void Next_to_learn_is_the_levels_missing_courses_then_the_next_levels_then_weak_KPIs()
    {
        var top = TrainingTracker.NextToLearn(Warehouse, HalfEnd, "top");
        var expired = TrainingTracker.NextToLearn(Warehouse, HalfEnd, "expired");
        var bottom = TrainingTracker.NextToLearn(Warehouse, HalfEnd, "bottom");

        Assert.Equal([("C1", 1), ("C2", 1), ("C3", 2)], top.Select(c => (c.CourseId, c.Priority)));
        Assert.Equal([1L, 2L, 3L], top.Select(c => c.RankInAgent));
        Assert.Equal([("C2", "required for L1 (expired)")], expired.Select(c => (c.CourseId, c.Reason)));
        Assert.Equal([("C4", 3, "weak reply_rate in 2026-05, 2026-06")], bottom.Select(c => (c.CourseId, c.Priority, c.Reason)));
        Assert.Empty(TrainingTracker.NextToLearn(Warehouse, HalfEnd, "nowarn"));
    }

    [Fact]
    public void The_catalogue_lists_every_course()
    {
        Assert.Equal(["C1", "C2", "C3", "C4"], TrainingTracker.Catalogue(Warehouse).Select(c => c.CourseId).Order());
    }
}
