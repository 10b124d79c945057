using Bogus;

namespace CsKpi.Seed.People;

/// <summary>
/// Invents a store's customer-service staff with Bogus (names) and a seeded Random (everything else):
/// presale and aftersale teams, hire dates spread over years, levels and coefficients that fit tenure,
/// team leads and a supervisor, a few hires and leavers during the period, and half-yearly promotions.
/// </summary>
internal static class StaffGenerator
{
    private static readonly string[] PresaleTeams = ["售前一组", "售前二组", "售前三组", "售前四组", "售前五组", "售前六组"];
    private static readonly string[] AftersaleTeams = ["售后组", "售后二组", "售后三组"];

    public static IReadOnlyList<Agent> Generate(SeedOptions options, int storeIndex)
    {
        var (storeId, prefix, _) = StoreNames.Get(storeIndex);
        var random = StableRandom.For(options.Seed, storeIndex, 1);
        // Bogus's randomizer draws from its own seeded source; only names come from it.
        var faker = new Faker("zh_CN") { Random = new Randomizer(options.Seed * 31 + storeIndex) };
        var nicknames = new HashSet<string>();

        // Headcount at the start, plus replacements for those who leave during the period.
        var leavers = (int)Math.Round(options.Agents * options.Days / 365.0 * 0.25);
        var total = options.Agents + leavers;
        var aftersaleCount = Math.Max(1, (int)Math.Round(options.Agents * 0.2));
        var bothCount = options.Agents >= 10 ? 1 : 0;
        var presaleTeamCount = Math.Clamp((options.Agents - aftersaleCount) / 8, 1, PresaleTeams.Length);
        var aftersaleTeamCount = Math.Clamp(aftersaleCount / 8 + 1, 1, AftersaleTeams.Length);

        var agents = new List<Agent>(total);
        for (var i = 0; i < total; i++)
        {
            var joinsLater = i >= options.Agents;
            var role = i < aftersaleCount ? AgentRole.Aftersale : i < aftersaleCount + bothCount ? AgentRole.Both : AgentRole.Presale;
            var team = role == AgentRole.Aftersale
                ? AftersaleTeams[i % aftersaleTeamCount]
                : PresaleTeams[i % presaleTeamCount];
            var hiredOn = joinsLater
                ? options.Start.AddDays(random.Next(1, Math.Max(2, options.Days)))
                : options.Start.AddDays(-TenureDays(random));
            var tenureMonths = Math.Max(0, (options.Start.DayNumber - hiredOn.DayNumber) / 30);
            var level = joinsLater ? "L1" : LevelForTenure(tenureMonths, random);
            var step = LevelStep.Of(level);
            var coefficient = Math.Round(step.MinCoefficient + (step.MaxCoefficient - step.MinCoefficient) * (decimal)random.NextDouble(), 1);
            var surname = faker.Name.LastName();
            var given = faker.Name.FirstName();
            // Sub-account nicknames as shops make them: 小 + the last character of the given name, else the given
            // name, else 阿 + its first character; a number only when all of these are taken.
            var nickname = new[] { "小" + given[^1], given, "阿" + given[0], "小" + given[0] }.FirstOrDefault(nicknames.Add);
            for (var n = 2; nickname is null; n++)
            {
                nickname = nicknames.Add("小" + given[^1] + n) ? "小" + given[^1] + n : null;
            }

            // Newer agents are slower and sell less; the spread is what separates the best from the rest.
            var seniority = Math.Min(1.0, tenureMonths / 24.0);
            agents.Add(new Agent
            {
                Index = i,
                AgentId = $"{prefix}:{nickname}",
                Name = surname + given,
                StoreId = storeId,
                Team = team,
                InitialTeam = team,
                Role = role,
                HiredOn = hiredOn,
                Level = level,
                InitialLevel = level,
                Coefficient = coefficient,
                InitialCoefficient = coefficient,
                ResponseMedianSeconds = random.LogNormal(22 - 8 * seniority, 0.35),
                Conversion = Math.Clamp(random.LogNormal(0.34 + 0.12 * seniority, 0.22), 0.12, 0.7),
                Upsell = Math.Clamp(random.LogNormal(1.0 + 0.1 * seniority, 0.12), 0.7, 1.5),
                UnansweredRate = Math.Clamp(random.LogNormal(0.025, 0.6), 0.003, 0.12),
                Capacity = random.LogNormal(1.0, 0.15),
                AutoReply = random.Chance(0.7),
                ExamAbility = random.Gaussian() * 4 + 12,
            });
        }

        AssignLeadership(agents, options);
        ScheduleLeavers(agents, options, leavers, random);
        ScheduleChanges(agents, options, random);
        return agents;
    }

    private static int TenureDays(Random random)
    {
        var bucket = random.NextDouble();
        return bucket < 0.2 ? random.Next(14, 180) : bucket < 0.6 ? random.Next(180, 730) : random.Next(730, 2190);
    }

    private static string LevelForTenure(int months, Random random) => months switch
    {
        < 4 => "L1",
        < 9 => random.Chance(0.5) ? "L2" : "L1",
        < 15 => random.Chance(0.7) ? "L3" : "L2",
        _ => "L3",
    };

    /// <summary>The longest-serving agent of each team leads it (L4, fewer chats); a big store has a supervisor (L5).</summary>
    private static void AssignLeadership(List<Agent> agents, SeedOptions options)
    {
        var starters = agents.Where(a => a.HiredOn <= options.Start).ToList();
        var leaders = starters.GroupBy(a => a.Team).Select(g => g.MinBy(a => a.HiredOn)!).ToList();
        if (options.Agents >= 20)
        {
            leaders.Add(starters.Except(leaders).MinBy(a => a.HiredOn)!);
        }

        for (var i = 0; i < leaders.Count; i++)
        {
            var leader = leaders[i];
            var supervisor = options.Agents >= 20 && i == leaders.Count - 1;
            var step = LevelStep.Of(supervisor ? "L5" : "L4");
            leader.Level = leader.InitialLevel = step.Code;
            leader.Coefficient = leader.InitialCoefficient = step.MinCoefficient + 0.1m;
            leader.ResponseMedianSeconds *= 0.8;
            leader.Conversion = Math.Min(0.7, leader.Conversion * 1.15);
            leader.Upsell *= 1.1;
            leader.UnansweredRate *= 0.7;
            leader.Capacity *= supervisor ? 0.25 : 0.6;
            leader.ExamAbility += 3;
        }
    }

    private static void ScheduleLeavers(List<Agent> agents, SeedOptions options, int leavers, Random random)
    {
        // Leavers come from the rank and file (never a lead), spread over the period.
        var candidates = agents.Where(a => a.HiredOn < options.Start && a.Level is "L1" or "L2" or "L3").ToList();
        for (var n = 0; n < leavers && candidates.Count > 0; n++)
        {
            var pick = candidates[random.Next(candidates.Count)];
            candidates.Remove(pick);
            var leftOn = options.Start.AddDays(random.Next(7, Math.Max(8, options.Days)));
            pick.LeftOn = leftOn;
        }
    }

    /// <summary>
    /// Half-yearly promotions on Jan 1 and Jul 1 inside the period (by tenure at level), and an occasional
    /// team move on the first of a month: what HR's roster snapshots show changing.
    /// </summary>
    private static void ScheduleChanges(List<Agent> agents, SeedOptions options, Random random)
    {
        for (var day = options.Start.AddDays(1); day < options.End; day = day.AddDays(1))
        {
            if (day.Day != 1)
            {
                continue;
            }

            foreach (var agent in agents.Where(a => a.IsEmployedOn(day) && a.HiredOn < day.AddMonths(-2)))
            {
                var months = (day.DayNumber - agent.HiredOn.DayNumber) / 30;
                if (day.Month is 1 or 7 && agent.Level is "L1" or "L2" && months >= (agent.Level == "L1" ? 4 : 9) && random.Chance(0.6))
                {
                    var next = LevelStep.Of(agent.Level).Next!;
                    agent.Level = next.Code;
                    agent.Coefficient = next.MinCoefficient;
                    agent.Changes.Add(new RosterChange(day, Level: next.Code, Coefficient: next.MinCoefficient));
                }
                else if (day.Month is 1 or 7 && random.Chance(0.3))
                {
                    var step = LevelStep.Of(agent.Level);
                    var moved = Math.Clamp(agent.Coefficient + (random.Chance(0.7) ? 0.05m : -0.1m), step.MinCoefficient, step.MaxCoefficient);
                    if (moved != agent.Coefficient)
                    {
                        agent.Coefficient = moved;
                        agent.Changes.Add(new RosterChange(day, Coefficient: moved));
                    }
                }
            }

            var movers = agents.Where(a => a.IsEmployedOn(day) && a.Role == AgentRole.Presale && a.Level is "L1" or "L2" or "L3").ToList();
            var teams = agents.Where(a => a.Role == AgentRole.Presale).Select(a => a.Team).Distinct().ToList();
            if (teams.Count > 1 && movers.Count > 0 && random.Chance(0.5))
            {
                var mover = movers[random.Next(movers.Count)];
                var newTeam = teams.First(t => t != mover.Team);
                mover.Team = newTeam;
                mover.Changes.Add(new RosterChange(day, Team: newTeam));
            }
        }
    }
}
