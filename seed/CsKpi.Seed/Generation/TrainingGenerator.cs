using CsKpi.Seed.People;

namespace CsKpi.Seed.Generation;

public sealed record TrainingEvent(string AgentId, string CourseId, string Status, DateOnly EventOn, int? Score, string? Assessor);

/// <summary>
/// Training that follows hire dates: a new agent works through the L1 courses in the first half year, each
/// level's courses come before (and for) that level, scores depend on the agent, failures are retaken, and
/// passes of courses with a validity are renewed — mostly on time, some late and a few never, so expiry has something to show.
/// Everything happens before the period ends; events before a hire do not exist.
/// </summary>
internal static class TrainingGenerator
{
    private static readonly string[] Assessors = ["培训部·周老师", "培训部·林老师", "质检组·陈老师"];

    public static List<TrainingEvent> Generate(IReadOnlyList<Agent> agents, SeedOptions options, int storeIndex)
    {
        var events = new List<TrainingEvent>();
        foreach (var agent in agents)
        {
            var random = StableRandom.For(options.Seed, storeIndex, 2, agent.Index);
            var passes = new List<int>();
            var targetRank = Math.Min(LevelStep.Of(agent.Level).Rank + 1, 7);
            var lastDay = agent.LeftOn is { } left && left < options.End ? left : options.End;
            foreach (var course in CourseCatalogue.Courses)
            {
                var requiredRank = LevelStep.Of(course.RequiredForLevel).Rank;
                if (requiredRank > targetRank)
                {
                    continue;
                }

                // Courses of level n fall due around the time an agent approaches level n.
                var dueAfterHire = requiredRank switch { 1 => random.Next(7, 170), 2 => random.Next(90, 300), 3 => random.Next(180, 540), _ => random.Next(400, 900) };
                var day = agent.HiredOn.AddDays(dueAfterHire);
                AttendUntilPassed(agent, course, day, lastDay, random, events, passes);
            }

            passes.Sort();
            agent.PassDays = passes.ToArray();
        }

        return events;
    }

    private static void AttendUntilPassed(Agent agent, Course course, DateOnly day, DateOnly lastDay, Random random,
        List<TrainingEvent> events, List<int> passes)
    {
        for (var attempt = 0; attempt < 3 && day < lastDay; attempt++)
        {
            var planned = day.AddDays(-random.Next(7, 21));
            if (planned >= agent.HiredOn)
            {
                events.Add(new(agent.AgentId, course.CourseId, "planned", planned, null, null));
            }

            var started = day.AddDays(-random.Next(1, 6));
            if (started >= agent.HiredOn && started < lastDay)
            {
                events.Add(new(agent.AgentId, course.CourseId, "in_progress", started, null, null));
            }

            if (random.Chance(0.04))
            {
                return; // enrolled, never finished: stays in progress
            }

            // Most pass at the first attempt (ExamAbility is the agent's usual margin over the pass mark); about one in ten fails.
            var score = (int)Math.Clamp(Math.Round(course.PassScore + agent.ExamAbility + random.Gaussian() * 8), 20, 100);
            events.Add(new(agent.AgentId, course.CourseId, "completed", day, score, random.Pick(Assessors)));
            if (score >= course.PassScore)
            {
                passes.Add(day.DayNumber);
                if (course.ValidMonths is { } months)
                {
                    // Renewed shortly before the pass expires; some renew late, after a gap; a few let it lapse.
                    var expires = day.AddMonths(months);
                    var roll = random.NextDouble();
                    if (roll < 0.97)
                    {
                        var renewal = roll < 0.85 ? expires.AddDays(-random.Next(0, 30)) : expires.AddDays(random.Next(20, 120));
                        AttendUntilPassed(agent, course, renewal, lastDay, random, events, passes);
                    }
                }

                return;
            }

            day = day.AddDays(random.Next(14, 36));
        }
    }
}
