using CsKpi.Warehouse.Planning;
using Dapper;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary>Staffing inputs, the hourly plan, what-if scenarios and diagnoses read from <see cref="StaffingHistory"/>.</summary>
public sealed class HistoryTests(StaffingHistory history) : IClassFixture<StaffingHistory>
{
    private readonly Warehouse.WarehouseDatabase warehouse = history.Bed.Warehouse;

    private StaffingPlan Plan(decimal target, DateOnly today, decimal? aov = null) => StaffingPlanner.Plan(warehouse,
        new StaffingRequest(target, Aov: aov, From: StaffingHistory.From, To: StaffingHistory.To, Today: today));

    [Fact]
    public void Inputs_left_empty_come_from_the_period_as_ratios_of_sums()
    {
        var plan = Plan(10_000m, new DateOnly(2026, 3, 10));

        var h = plan.Headcount;
        Assert.Equal("S", plan.StoreId);
        Assert.Equal(2, plan.HistoryDays);
        Assert.Equal(250m, h.Aov.Value);
        Assert.Equal(0.75m, h.CsShare.Value);
        Assert.Equal(0.375m, h.Conversion.Value);
        Assert.Equal(3.4m, Math.Round(h.MaxReceptions.Value, 10));
        Assert.All(new[] { h.Aov, h.CsShare, h.Conversion, h.MaxReceptions }, i => Assert.Equal(InputSource.History, i.Source));
        Assert.Contains("S, 2026-03-02 – 2026-03-03", h.Aov.Detail, StringComparison.Ordinal);
        Assert.Contains("over 4 agent-days", h.MaxReceptions.Detail, StringComparison.Ordinal);
        // 10,000 ÷ 250 = 40 buyers × 0.75 = 30 ÷ 0.375 = 80 inquiries ÷ 3.4 = 23.5 → 24
        Assert.Equal(80m, Math.Round(h.Inquiries, 10));
        Assert.Equal(24, h.Agents);
    }

    [Fact]
    public void A_typed_input_wins_over_history_and_says_so()
    {
        var plan = Plan(10_000m, new DateOnly(2026, 3, 10), aov: 100m);

        Assert.Equal(new StaffingInput(100m, InputSource.Typed, "typed"), plan.Headcount.Aov);
        Assert.Equal(InputSource.History, plan.Headcount.CsShare.Source);
        // 100 buyers × 0.75 ÷ 0.375 ÷ 3.4 = 58.8 → 59
        Assert.Equal(59, plan.Headcount.Agents);
    }

    [Fact]
    public void Todays_headcount_counts_presale_and_both_who_have_not_left()
    {
        // A1, A2 presale and A5 both; A3 is aftersale; A4 (both) left on 03-05
        var after = Plan(10_000m, new DateOnly(2026, 3, 10));
        var before = Plan(10_000m, new DateOnly(2026, 3, 4));

        Assert.Equal(3, after.ActivePresaleAgents);
        Assert.Equal(21, after.Gap);
        Assert.Equal(4, before.ActivePresaleAgents);
    }

    [Fact]
    public void The_hourly_plan_scales_history_to_the_campaign_day_and_uses_erlang_c()
    {
        var plan = Plan(10_000m, new DateOnly(2026, 3, 10));

        var hourly = Assert.IsType<HourlyPlan>(plan.Hourly);
        Assert.Equal(500m, hourly.NormalDailySales);
        Assert.Equal(20.0, hourly.CampaignFactor, 9);
        Assert.Equal(71.25, hourly.HandlingSeconds, 9);
        Assert.Equal(3.0, hourly.Concurrency);
        Assert.Equal(23.75, hourly.EffectiveHandlingSeconds, 9);
        Assert.Equal((0.8, 30.0), (hourly.ServiceLevel, hourly.AnswerSeconds));
        Assert.Equal(Enumerable.Range(0, 24), hourly.Hours.Select(h => h.Hour));
        Assert.Equal([1.5, 0.5, 2.0], new[] { 10, 11, 14 }.Select(h => hourly.Hours[h].NormalArrivals));
        Assert.Equal(4.0, hourly.Hours.Sum(h => h.NormalArrivals), 9);

        // 14:00: 2.0 × 20 = 40 an hour × 23.75 s ÷ 3600 = 0.2639 Erlangs; one agent answers 89.6 % within 30 s
        var peak = hourly.Hours[14];
        Assert.Equal(40.0, peak.CampaignArrivals, 9);
        Assert.Equal(0.26389, peak.Queue.TrafficErlangs, 5);
        Assert.Equal(1, peak.AgentsNeeded);
        Assert.Equal(0.8959, peak.Queue.ServiceLevel, 4);
        Assert.Equal(0, hourly.Hours[3].AgentsNeeded);
        Assert.Equal(1, hourly.PeakAgents);
    }

    [Fact]
    public void The_planning_settings_in_force_on_the_periods_last_day_drive_the_hours()
    {
        // Store S carries one chat at a time from April: 71.25 s a chat, 40 an hour at 14:00 = 0.79 Erlangs; one agent
        // answers 27.5 % within 30 s, two 86.5 %. March keeps the default of 3.
        using (var connection = warehouse.OpenConnection())
        {
            connection.Execute(
                "insert or replace into app.planning_setting (store_id, code, value, effective_from) values ('S', 'chat_concurrency', '1', date '2026-04-01')");
        }

        var april = StaffingPlanner.Plan(warehouse, new StaffingRequest(10_000m, From: StaffingHistory.From, To: new DateOnly(2026, 4, 30)));
        var march = Plan(10_000m, new DateOnly(2026, 3, 10));

        var peak = april.Hourly!.Hours[14];
        Assert.Equal(71.25, april.Hourly.EffectiveHandlingSeconds, 9);
        Assert.Equal(0.79167, peak.Queue.TrafficErlangs, 5);
        Assert.Equal(2, peak.AgentsNeeded);
        Assert.Equal(0.8650, peak.Queue.ServiceLevel, 4);
        Assert.Equal(0.2748, ErlangC.Evaluate(peak.Queue.TrafficErlangs, 1, 71.25, 30).ServiceLevel, 4);
        Assert.Equal(3.0, march.Hourly!.Concurrency);
    }

    [Fact]
    public void A_period_without_data_asks_for_the_input_to_be_typed()
    {
        var error = Assert.Throws<PlanningException>(() => StaffingPlanner.Plan(warehouse,
            new StaffingRequest(10_000m, From: new DateOnly(2025, 1, 1), To: new DateOnly(2025, 1, 31))));

        Assert.Contains("no history for S, 2025-01-01 – 2025-01-31", error.Message, StringComparison.Ordinal);
        Assert.Contains("--aov", error.Message, StringComparison.Ordinal);

        var typed = StaffingPlanner.Plan(warehouse, new StaffingRequest(2_000_000m, 200m, 0.3m, 0.5m, 300m,
            new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)));
        Assert.Equal(20, typed.Headcount.Agents);
        Assert.Null(typed.Hourly);
        Assert.Contains("no paid orders", typed.HourlyNote, StringComparison.Ordinal);
        // the site words the reason from its code, not from cskpi's English
        Assert.Equal(HourlyMissing.NoPaidOrders, typed.Missing);
    }

    [Fact]
    public void An_unknown_store_names_the_stores_there_are()
    {
        var error = Assert.Throws<PlanningException>(() => StaffingPlanner.Plan(warehouse, new StaffingRequest(1m, StoreId: "T")));

        Assert.Contains("no store 'T' in the warehouse; it holds S", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_if_scenarios_come_from_an_agent_a_team_and_its_best_agent()
    {
        // A1: 3 inquiries over 2 days, 1 paid, 100 from 1 buyer; A2: 5 over 2 days, 2 paid, 500 from 2 buyers;
        // 一组 (A3's days included): 8 inquiries over 2 days, 3 paid, 600 from 3 buyers.
        var a1 = RevenueHistory.Agent(warehouse, "A1", StaffingHistory.From, StaffingHistory.To);
        var team = RevenueHistory.Team(warehouse, "S", "一组", StaffingHistory.From, StaffingHistory.To);
        var best = RevenueHistory.BestAgentOfTeam(warehouse, "S", "一组", StaffingHistory.From, StaffingHistory.To);

        Assert.Equal(("张一 (A1)", 1.5m, 0.3333m, 100m), (a1.Label, a1.ReceptionsPerDay, Math.Round(a1.Conversion, 4), a1.Aov));
        Assert.Equal(("一组", 4m, 0.375m, 200m), (team.Label, team.ReceptionsPerDay, team.Conversion, team.Aov));
        // both are small samples; A2 sells 0.4 × 250 = 100 per inquiry, A1 33.3
        Assert.Equal(("张二 (A2)", 2.5m, 0.4m, 250m), (best.Label, best.ReceptionsPerDay, best.Conversion, best.Aov));

        var whatIf = RevenueComparison.Compare(a1, best, 0.5m, RevenueHistory.MonthlyCost(warehouse, "A1"));
        Assert.Equal(2.5m * 0.4m * 250m - 50m, Math.Round(whatIf.DailyDifference, 6));
        Assert.Equal(6000m, whatIf.Payback!.MonthlyCost);
        Assert.Equal(6333.33m, RevenueHistory.MeanMonthlyCost(warehouse, "S", "一组"));
    }

    [Fact]
    public void An_agent_without_history_in_the_period_is_a_clear_failure()
    {
        var error = Assert.Throws<PlanningException>(() => RevenueHistory.Agent(warehouse, "A5", StaffingHistory.From, StaffingHistory.To));

        Assert.Contains("no history of agent A5 between 2026-03-02 and 2026-03-03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnosis_lists_an_agents_kpis_below_standard_with_causes_remedies_and_courses()
    {
        var diagnosis = KpiDiagnostics.ForAgent(warehouse, "A1", StaffingHistory.From, StaffingHistory.To);

        Assert.Equal(("agent", "S", "一组", "张一"), (diagnosis.Scope, diagnosis.StoreId, diagnosis.Team, diagnosis.AgentName));
        // scorecard targets: conversion 1/3 < 0.5, aov 100 < 200, sales 100 < 100,000 × 2/30, assists 0 < 20 × 2/30,
        // mean response 52.5 s > 30 s; first response 60 s is within the store's own standard of 90 s.
        Assert.Equal(["aov", "assist_buyers", "avg_response_seconds", "final_conversion", "sales_amount"],
            diagnosis.Weak.Select(f => f.Metric));

        var conversion = diagnosis.Weak.Single(f => f.Metric == "final_conversion");
        Assert.Equal((0.5, "higher", "scorecard"), (conversion.Standard, conversion.Direction, conversion.StandardSource));
        Assert.Contains("催付", conversion.Causes, StringComparison.Ordinal);
        Assert.Equal(["C1", "C2"], conversion.Courses.Select(c => c.CourseId));
        Assert.Equal("催付话术", conversion.Courses[1].Title);

        var sales = diagnosis.Weak.Single(f => f.Metric == "sales_amount");
        Assert.Equal(100_000 * 2 / 30.0, sales.Standard, 6);

        var mean = diagnosis.Weak.Single(f => f.Metric == "avg_response_seconds");
        Assert.Equal(52.5, mean.Value!.Value, 9);
        Assert.Equal(["C1", "C3"], mean.Courses.Select(c => c.CourseId));

        var first = diagnosis.Findings.Single(f => f.Metric == "first_response_seconds");
        Assert.Equal((60.0, 90.0, "standard", false), (first.Value, first.Standard, first.StandardSource, first.IsBelowStandard));
        var received = diagnosis.Findings.Single(f => f.Metric == "received_buyers");
        Assert.Equal((3.0, 2.0, false), (received.Value, received.Standard, received.IsBelowStandard));
        var satisfaction = diagnosis.Findings.Single(f => f.Metric == "satisfaction_rate");
        Assert.Null(satisfaction.Value);
        Assert.False(satisfaction.IsBelowStandard);
    }

    [Fact]
    public void Diagnosis_of_a_team_and_in_english()
    {
        var diagnosis = KpiDiagnostics.ForTeam(warehouse, "S", "一组", StaffingHistory.From, StaffingHistory.To, "en");

        Assert.Equal(("team", null), (diagnosis.Scope, diagnosis.AgentId));
        var conversion = diagnosis.Findings.Single(f => f.Metric == "final_conversion");
        Assert.Equal((0.375, true), (conversion.Value, conversion.IsBelowStandard));
        Assert.Equal("Product training; payment-reminder scripts and timing", conversion.Remedies);
        // 600 ÷ 3 = 200: at the standard is not below it
        Assert.False(diagnosis.Findings.Single(f => f.Metric == "aov").IsBelowStandard);
        Assert.Throws<ArgumentException>(() => KpiDiagnostics.ForTeam(warehouse, "S", "一组", StaffingHistory.From, StaffingHistory.To, "fr"));
    }

    [Fact]
    public void A_later_standard_version_applies_to_periods_that_end_after_it()
    {
        // the store's version of 04-01 holds first response to 10 s and no received_buyers: that one falls back to
        // nothing (no scorecard target), and 60 s is now over standard
        var april = KpiDiagnostics.ForAgent(warehouse, "A1", StaffingHistory.From, new DateOnly(2026, 4, 1));

        var first = april.Findings.Single(f => f.Metric == "first_response_seconds");
        Assert.Equal((10.0, "standard", true), (first.Standard, first.StandardSource, first.IsBelowStandard));
        Assert.DoesNotContain(april.Findings, f => f.Metric == "received_buyers");
    }
}
