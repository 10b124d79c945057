using System.Text.Json;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Career;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Jobs.Tests.Career;

/// <summary>Reruns, decisions, manual changes, the audit log and the bonus, each on a fresh warehouse.</summary>
public sealed class DecisionTests : IDisposable
{
    private readonly CareerBed career = new();

    public DecisionTests()
    {
        career.PromotableAnd("c", 80, 80, 80, 80, 80, 86).Load();
    }

    private WarehouseDatabase Warehouse => career.Bed.Warehouse;

    public void Dispose() => career.Dispose();

    private static string Snapshot(IEnumerable<ReviewProposal> proposals) =>
        JsonSerializer.Serialize(proposals.OrderBy(p => p.AgentId).Select(p => p with { ReviewedAt = default }));

    private void SetTotal(string agent, string month, double total)
    {
        using var connection = Warehouse.OpenConnection();
        connection.Execute("update marts.scorecard_monthly set total = $total where agent_id = $agent and month = $month", new { total, agent, month });
    }

    private (string Level, decimal Coefficient, string Team) AgentOn(string agent, string day)
    {
        using var connection = Warehouse.OpenConnection();
        return connection.QuerySingle<(string, decimal, string)>(
            "select level, coefficient, team from core.dim_agent where agent_id = $agent and valid_from <= cast($day as date) and (valid_to is null or valid_to > cast($day as date))",
            new { agent, day });
    }

    private (string Level, decimal Coefficient) LevelOn(string agent, string day)
    {
        var (level, coefficient, _) = AgentOn(agent, day);
        return (level, coefficient);
    }

    [Fact]
    public void A_rerun_gives_the_same_proposals_with_the_same_numbers()
    {
        var first = career.Review("2026H1");
        var second = career.Review("2026H1");

        Assert.Equal(2, second.Pending);
        Assert.Equal(Snapshot(first.Proposals), Snapshot(second.Proposals));
        Assert.Equal(2, career.Bed.Scalar<long>("select count(*) from app.review_proposal"));
        Assert.Equal(18, career.Bed.Scalar<long>("select count(*) from app.review_criterion"));
    }

    [Fact]
    public void A_rerun_refreshes_pending_proposals_and_never_touches_decided_ones()
    {
        career.Review("2026H1");
        var p = career.Proposal("2026H1", "p");
        HalfReview.Decide(Warehouse, [p.ProposalId], approve: true, "表现优秀", "hr1");
        SetTotal("p", "2026-06", 10);
        SetTotal("c", "2026-06", 110);

        var rerun = career.Review("2026H1");

        var kept = career.Proposal("2026H1", "p");
        Assert.Equal((1, 1), (rerun.Pending, rerun.Decided));
        Assert.Equal(("approved", "promote", 90.0, "hr1"), (kept.Status, kept.Action, kept.AvgScore!.Value, kept.DecidedBy));
        Assert.Equal(p.Criteria.Count, kept.Criteria.Count);
        Assert.Equal(85.0, career.Proposal("2026H1", "c").AvgScore!.Value, 9);   // (5 × 80 + 110) / 6
    }

    [Fact]
    public void An_approval_writes_a_new_version_from_the_day_after_the_half_that_outlives_recomputes_and_rosters()
    {
        career.Review("2026H1");
        var p = career.Proposal("2026H1", "p");

        var decision = HalfReview.Decide(Warehouse, [p.ProposalId], approve: true, "达标晋升", "hr1");

        Assert.Empty(decision.Recompute.Failures);
        Assert.Equal(("L1", 0.90m), LevelOn("p", "2026-06-30"));
        Assert.Equal(("L2", 0.90m), LevelOn("p", "2026-07-01"));
        Assert.Equal(new DateOnly(2026, 7, 1), career.Proposal("2026H1", "p").EffectiveFrom);

        // a roster that never heard of it (repeats L1 0.90, moves the team) keeps the promotion; a full rebuild too
        career.Bed.Agents("p,p名,S,二组,presale,2025-07-01,,L1,0.90,,2026-08-01");
        career.Bed.Ingest();
        career.Bed.RecomputeFull();
        Assert.Equal(("L2", 0.90m, "二组"), AgentOn("p", "2026-08-15"));

        // a roster that changes the level itself overrides from its date
        career.Bed.Agents("p,p名,S,二组,presale,2025-07-01,,L3,1.10,,2026-09-01");
        career.Bed.Ingest();
        Assert.Equal(("L2", 0.90m, "二组"), AgentOn("p", "2026-08-31"));
        Assert.Equal(("L3", 1.10m, "二组"), AgentOn("p", "2026-09-01"));
    }

    [Fact]
    public void Decisions_are_audited_with_before_and_after_and_a_decision_is_final()
    {
        SetTotal("c", "2026-06", 110);   // avg 85: proposed 0.90 → 0.95, which the rejection keeps from happening
        career.Review("2026H1");
        var ids = HalfReview.Proposals(Warehouse, new ProposalFilter("2026H1")).ToDictionary(p => p.AgentId, p => p.ProposalId);

        HalfReview.Decide(Warehouse, [ids["p"]], approve: true, "达标", "hr1", new DateOnly(2026, 8, 1));
        HalfReview.Decide(Warehouse, [ids["c"]], approve: false, "再观察一期", "hr2");

        var log = CareerChanges.AuditLog(Warehouse).OrderBy(e => e.EntryId).ToList();
        Assert.Equal(2, log.Count);
        Assert.Equal(("hr1", "approve", "L1", 0.90m, "L2", 0.90m, "达标", new DateOnly(2026, 8, 1)),
            (log[0].Actor, log[0].Action, log[0].BeforeLevel, log[0].BeforeCoefficient!.Value, log[0].AfterLevel, log[0].AfterCoefficient!.Value, log[0].Reason, log[0].EffectiveFrom!.Value));
        Assert.Equal(("reject", "L1", 0.90m, 0.95m), (log[1].Action, log[1].AfterLevel, log[1].AfterCoefficient!.Value, career.Proposal("2026H1", "c").ProposedCoefficient));
        Assert.Equal(("L1", 0.90m), LevelOn("c", "2026-07-02"));
        Assert.Equal(("L2", 0.90m), LevelOn("p", "2026-08-01"));

        var again = Assert.Throws<ProposalDecidedException>(() => HalfReview.Decide(Warehouse, [ids["c"]], approve: true, "改主意", "hr1"));
        Assert.Contains("was rejected by hr2", again.Message, StringComparison.Ordinal);
        Assert.Equal(("rejected", "hr2"), (again.Proposal.Status, again.Proposal.DecidedBy));
        Assert.Equal("no_reason", Assert.Throws<CareerRefusal>(() => HalfReview.Decide(Warehouse, [ids["c"]], approve: true, " ", "hr1")).Reason);
        var unknown = Assert.Throws<CareerRefusal>(() => HalfReview.Decide(Warehouse, [42], approve: true, "x", "hr1"));
        Assert.Equal(("unknown_proposal", 42L), (unknown.Reason, unknown.ProposalIds.Single()));
        Assert.Equal(2, CareerChanges.AuditLog(Warehouse).Count);
    }

    [Theory]
    [InlineData("update app.audit_log set reason = 'nothing happened'")]
    [InlineData("update app.audit_log set after_level = 'L7', digest = app.audit_digest(entry_id, logged_at, actor, action, agent_id, proposal_id, effective_from, what, before_level, before_coefficient, 'L7', after_coefficient, reason)")]
    [InlineData("delete from app.audit_log")]
    [InlineData("drop table app.audit_log")]
    public void The_audit_log_refuses_to_be_changed(string tampering)
    {
        career.Review("2026H1");
        HalfReview.Decide(Warehouse, [career.Proposal("2026H1", "p").ProposalId], approve: true, "达标", "hr1");
        var before = JsonSerializer.Serialize(CareerChanges.AuditLog(Warehouse));

        using (var connection = Warehouse.OpenConnection())
        {
            Assert.ThrowsAny<DuckDBException>(() => connection.Execute(tampering));
        }

        Assert.Equal(before, JsonSerializer.Serialize(CareerChanges.AuditLog(Warehouse)));
        Assert.Empty(career.Bed.RecomputeIncremental().Failures);
    }

    [Fact]
    public void A_manual_change_is_checked_against_the_ladder_audited_and_in_force_from_its_day()
    {
        var outside = Assert.Throws<CareerRefusal>(() =>
            CareerChanges.ChangeLevel(Warehouse, "c", null, 1.05m, new DateOnly(2026, 3, 1), "调整", "hr1"));
        Assert.Contains("outside L1's range 0.80–1.00", outside.Message, StringComparison.Ordinal);
        Assert.Equal(("coefficient_out_of_range", "L1", 1.05m, 0.80m, 1.00m), (outside.Reason, outside.Level, outside.Coefficient, outside.Min, outside.Max));
        Assert.Equal("unknown_level", Assert.Throws<CareerRefusal>(() => CareerChanges.ChangeLevel(Warehouse, "c", "L9", null, new DateOnly(2026, 3, 1), "调整", "hr1")).Reason);
        Assert.Equal("unknown_agent", Assert.Throws<CareerRefusal>(() => CareerChanges.ChangeLevel(Warehouse, "nobody", "L2", null, new DateOnly(2026, 3, 1), "调整", "hr1")).Reason);

        var report = CareerChanges.ChangeLevel(Warehouse, "c", "L2", null, new DateOnly(2026, 3, 1), "技能认证", "hr1");

        Assert.Empty(report.Failures);
        Assert.Equal(("L1", 0.90m), LevelOn("c", "2026-02-28"));
        Assert.Equal(("L2", 0.90m), LevelOn("c", "2026-03-01"));
        var entry = Assert.Single(CareerChanges.AuditLog(Warehouse, "c"));
        Assert.Equal(("manual_change", "L1", "L2", "技能认证"), (entry.Action, entry.BeforeLevel, entry.AfterLevel, entry.Reason));
        Assert.Equal(["L1", "L2"], CareerChanges.LevelHistory(Warehouse, "c").Select(v => v.Level));
    }

    [Fact]
    public void The_bonus_is_base_times_the_coefficient_on_the_months_last_day_times_the_score()
    {
        // c: L1 (base 1000) at 0.90; from June 30 at 1.00, so June is paid at 1.00 and May at 0.90
        CareerChanges.ChangeLevel(Warehouse, "c", null, 1.00m, new DateOnly(2026, 6, 30), "月末调整", "hr1");
        SetTotal("c", "2026-05", 80);
        SetTotal("c", "2026-06", 86.5);

        var rows = Bonus.Monthly(Warehouse, "2026-05", "2026-06", "c").ToDictionary(r => r.Month);

        Assert.Equal(("L1", 0.90m, 1000m, 720.00m), (rows["2026-05"].Level, rows["2026-05"].Coefficient!.Value, rows["2026-05"].BaseBonus!.Value, rows["2026-05"].Bonus!.Value));
        Assert.Equal((1.00m, 865.00m), (rows["2026-06"].Coefficient!.Value, rows["2026-06"].Bonus!.Value));
        Assert.Equal(6, Bonus.Monthly(Warehouse, agentId: "p").Count);
        Assert.Throws<ArgumentException>(() => Bonus.Monthly(Warehouse, "2026-13"));

        using var csv = new StringWriter();
        Bonus.WriteCsv(csv, rows.Values);
        Assert.Equal(
            "month,store_id,team,agent_id,agent_name,level,coefficient,base_bonus,score,grade,bonus,level_assumed,provisional\n"
            + "2026-05,S,一组,c,c名,L1,0.90,1000.00,80.00," + rows["2026-05"].Grade + ",720.00,false,false\n"
            // the bed's data end on 10 June: June is still in progress, so its bonus is provisional (not yet payable)
            + "2026-06,S,一组,c,c名,L1,1.00,1000.00,86.50," + rows["2026-06"].Grade + ",865.00,false,true\n",
            csv.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_payroll_csv_keeps_an_agent_name_from_becoming_a_formula()
    {
        var row = new BonusRow
        {
            Month = "2026-05", StoreId = "S", Team = "一组", AgentId = "@c", AgentName = "=HYPERLINK(\"http://evil.example\",\"点我\")",
            Level = "L1", Coefficient = 0.9m, BaseBonus = 1000m, Score = -1.5, Grade = "C", Bonus = -12.5m,
        };

        using var csv = new StringWriter();
        Bonus.WriteCsv(csv, [row]);

        Assert.Equal("2026-05,S,一组,'@c,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",L1,0.90,1000.00,-1.50,C,-12.50,false,false",
            csv.ToString().ReplaceLineEndings("\n").Split('\n')[1]);
    }
}
