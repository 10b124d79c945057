using System.Text.Json;
using CsKpi.Cli;
using CsKpi.Warehouse.Planning;
using Dapper;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary>
/// Issue 18.5: one staffing plan. The formula's headcount (people over the day), the hourly online need (Erlang C,
/// agents at once) and the roster of whole shifts that covers both: its people are the plan's headcount and the gap.
/// </summary>
public sealed class RosterTests(StaffingHistory history) : IClassFixture<StaffingHistory>
{
    private static int[] Day(params (int From, int To, int Agents)[] spans)
    {
        var need = new int[24];
        foreach (var (from, to, agents) in spans)
        {
            for (var h = from; h < to; h++)
            {
                need[h] = agents;
            }
        }

        return need;
    }

    [Fact]
    public void The_fewest_eight_hour_shifts_cover_every_hours_need()
    {
        // 2 agents online 09–13, 3 from 14 to 17: two shifts of 09–17, one of 14–22.
        var need = Day((9, 13, 2), (14, 17, 3));

        var roster = ShiftRoster.Cover(need, need.Select(n => (double)n * 10).ToList(), 8, formulaPeople: 0);

        Assert.Equal([new Shift(9, 17, 2), new Shift(14, 22, 1)], roster.Shifts);
        Assert.Equal(3, roster.HourlyPeople);
        Assert.Equal(3, roster.People);
        Assert.False(roster.FormulaBinds);
        Assert.All(Enumerable.Range(0, 24), h => Assert.True(roster.OnShift[h] >= need[h], $"{h}:00 has {roster.OnShift[h]} on shift for {need[h]}"));
    }

    [Fact]
    public void A_need_late_in_the_day_opens_the_shift_that_ends_at_midnight()
    {
        var roster = ShiftRoster.Cover(Day((22, 24, 1)), new double[24], 8, 0);

        Assert.Equal([new Shift(16, 24, 1)], roster.Shifts);
    }

    [Fact]
    public void The_formulas_extra_people_join_the_shifts_of_the_busiest_hours()
    {
        // The hours need one agent 08–16 and 16–24, but the day's inquiries ask for 4 people: the two extra go where
        // the inquiries per person on shift are highest, 16–24 (300 an hour) before 08–16 (100 an hour).
        var need = Day((8, 24, 1));
        var inquiries = Enumerable.Range(0, 24).Select(h => h is >= 16 ? 300.0 : h >= 8 ? 100.0 : 0).ToList();

        var roster = ShiftRoster.Cover(need, inquiries, 8, formulaPeople: 4);

        Assert.Equal(2, roster.HourlyPeople);
        Assert.Equal(4, roster.People);
        Assert.True(roster.FormulaBinds);
        Assert.Equal([new Shift(8, 16, 1), new Shift(16, 24, 3)], roster.Shifts);
    }

    [Fact]
    public void The_plan_is_one_headcount_the_rostered_people_covering_the_hours_and_the_formula()
    {
        var plan = StaffingPlanner.Plan(history.Bed.Warehouse,
            new StaffingRequest(10_000m, From: StaffingHistory.From, To: StaffingHistory.To, Today: new DateOnly(2026, 3, 10)));

        var roster = Assert.IsType<ShiftRoster>(plan.Roster);
        var hourly = plan.Hourly!;
        Assert.Equal(8, roster.ShiftHours);
        Assert.Equal(plan.Headcount.Agents, roster.FormulaPeople);
        Assert.Equal(Math.Max(roster.FormulaPeople, roster.HourlyPeople), roster.People);
        Assert.Equal(roster.People, plan.PlannedAgents);
        Assert.Equal(roster.People, roster.Shifts.Sum(s => s.People));
        Assert.All(hourly.Hours, h => Assert.True(roster.OnShift[h.Hour] >= h.AgentsNeeded));
        Assert.Equal(plan.PlannedAgents - plan.ActivePresaleAgents, plan.Gap);
    }

    [Fact]
    public void The_shift_length_is_a_planning_setting()
    {
        using (var connection = history.Bed.Warehouse.OpenConnection())
        {
            connection.Execute(
                "insert or replace into app.planning_setting (store_id, code, value, effective_from) values ('S', 'shift_hours', '6', date '2026-05-01')");
        }

        var may = StaffingPlanner.Plan(history.Bed.Warehouse, new StaffingRequest(10_000m, From: StaffingHistory.From, To: new DateOnly(2026, 5, 31)));

        Assert.Equal(6, may.Roster!.ShiftHours);
        Assert.All(may.Roster.Shifts, s => Assert.Equal(6, s.EndHour - s.StartHour));
    }

    [Fact]
    public void Buyers_and_inquiries_are_whole_people()
    {
        // 10,000 ÷ 300 = 33.3 buyers: 34 people to serve, never a third of one.
        var plan = StaffingPlanner.Plan(history.Bed.Warehouse, new StaffingRequest(10_000m, 300m, 0.5m, 0.5m, 10m));

        Assert.Equal(34, plan.Headcount.WholeBuyers);
        Assert.Equal(17, plan.Headcount.WholeServiceBuyers);
        Assert.Equal(34, plan.Headcount.WholeInquiries);
    }

    [Fact]
    public void Cskpi_staffing_prints_the_roster_and_the_plans_one_headcount_as_the_planner_gives_them()
    {
        var plan = StaffingPlanner.Plan(history.Bed.Warehouse, new StaffingRequest(10_000m));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CommandLine.Run(["staffing", "--warehouse", history.Bed.Warehouse.CanonicalPath, "--target-sales", "10000", "--json"], stdout, stderr);
        using var text = new StringWriter();
        CommandLine.Run(["staffing", "--warehouse", history.Bed.Warehouse.CanonicalPath, "--target-sales", "10000"], text, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var root = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.Equal(plan.From!.Value.ToString("yyyy-MM-dd"), root.GetProperty("from").GetString());
        Assert.Equal(plan.PlannedAgents, root.GetProperty("plannedAgents").GetInt32());
        Assert.Equal(plan.Roster!.Shifts.Count, root.GetProperty("roster").GetProperty("shifts").GetArrayLength());
        Assert.Equal(40, root.GetProperty("buyers").GetInt64());
        Assert.Contains($"plan: {plan.PlannedAgents} agents on the campaign day", text.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"roster: 8-hour shifts; \d+ (person covers|people cover) every hour's need, the formula asks 24", text.ToString());
    }
}
