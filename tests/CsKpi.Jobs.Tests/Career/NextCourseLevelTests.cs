using CsKpi.Warehouse.Career;

namespace CsKpi.Jobs.Tests.Career;

/// <summary>
/// Issue 18.6: a weak KPI suggests the courses of its category within the agent's reach — of no level, or required up
/// to the next level — never a management course of a level far above (团队管理 of L4 for an L1 new hire).
/// </summary>
public sealed class NextCourseLevelTests : IDisposable
{
    private static readonly DateOnly HalfEnd = new(2026, 6, 30);
    private readonly CareerBed career = new();

    public NextCourseLevelTests()
    {
        // reply_rate calls for mindset courses (app.kpi_course_category's default): one of no level, one for L2 (the
        // next level), one for L4 (a team lead's).
        career.Course("C1", "product", 60, "", "L1").Course("M0", "mindset", 60, "", "").Course("M2", "mindset", 60, "", "L2")
            .Course("M4", "mindset", 60, "", "L4")
            .Agent("newhire", "2026-04-01", "L1", "0.80").Agent("lead", "2025-01-01", "L3", "1.10")
            .Event("newhire", "C1", "2026-04-02", 90).Event("lead", "C1", "2025-02-01", 90)
            .Scores("newhire", "2026-05", 60, 60).Scores("lead", "2026-05", 60, 60)
            .Load();
        foreach (var agent in new[] { "newhire", "lead" })
        {
            career.Item(agent, "2026-05", "reply_rate", 0.8, 1.0, "higher");
            career.Item(agent, "2026-06", "reply_rate", 0.8, 1.0, "higher");
        }
    }

    [Fact]
    public void A_weak_kpi_gives_an_L1_new_hire_no_course_of_a_level_beyond_the_next()
    {
        var newHire = TrainingTracker.NextToLearn(career.Bed.Warehouse, HalfEnd, "newhire");

        Assert.Contains(newHire, c => c.CourseId == "M0" && c.Priority == 3);
        Assert.Contains(newHire, c => c.CourseId == "M2");
        Assert.DoesNotContain(newHire, c => c.CourseId == "M4");
    }

    [Fact]
    public void An_L3_agent_still_gets_the_next_levels_management_course_and_the_weak_kpis_course_of_no_level()
    {
        var lead = TrainingTracker.NextToLearn(career.Bed.Warehouse, HalfEnd, "lead");

        Assert.Contains(lead, c => c.CourseId == "M4" && c.Priority == 2);
        Assert.Contains(lead, c => c.CourseId == "M0" && c.Priority == 3);
    }

    public void Dispose() => career.Dispose();
}
