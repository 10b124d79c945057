using CsKpi.Warehouse.Planning;
using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Issue 18: a diagnosis holds an agent to the standards of their own role's card (marts.kpi_standard_on with the
/// role, marts.kpi_diagnosis): an after-sales agent to the after-sales card, not to the presale card's conversion and
/// sales; a role without a card borrows no other role's. Hand-worked on one day, 2026-03-02, through the real ETL and
/// recompute: each agent has one buyer, asked at 10:00:00 and answered at 10:00:15 (first and mean response 15 s,
/// reply rate 1, one received buyer, one answer per question).
/// </summary>
public sealed class DiagnosisStandardTests : IDisposable
{
    private const string Day = "2026-03-02";
    private readonly MartBed bed = new();

    public DiagnosisStandardTests()
    {
        bed.Agents(
            "P,售前甲,S,售前一组,presale,2026-01-01,,L1,0.9,3000,2026-01-01",
            "A,售后乙,S,售后组,aftersale,2026-01-01,,L1,0.9,3000,2026-01-01",
            "B,兼岗丙,S,售前一组,both,2026-01-01,,L1,0.9,3000,2026-01-01");
        bed.Chats([.. new[] { "P", "A", "B" }.SelectMany((agent, i) => new[]
        {
            $"{agent}-1,S,buyer{i},{agent},buyer,{Day} 10:00:00,在吗",
            $"{agent}-2,S,buyer{i},{agent},agent,{Day} 10:00:15,在的",
        })]);
    }

    public void Dispose() => bed.Dispose();

    /// <summary>The agent's findings as metric → (standard, source, below standard).</summary>
    private Dictionary<string, (double Standard, string Source, bool Below)> Findings(string agent) => bed.Rows(
            $"select metric, standard_value, standard_source, coalesce(is_below_standard, false) as below from marts.kpi_diagnosis(date '{Day}', date '{Day}', 'en') where scope = 'agent' and agent_id = $agent",
            new { agent })
        .ToDictionary(r => (string)r["metric"]!, r => (MartBed.Number(r, "standard_value")!.Value, (string)r["standard_source"]!, (bool)r["below"]!));

    [Fact]
    public void An_after_sales_agent_is_diagnosed_against_the_after_sales_card_not_the_presale_one()
    {
        bed.Ingest();

        var aftersale = Findings("A");

        // The default after-sales card (migration 0064): reply rate 1.00, first response 20 s, mean response 30 s,
        // satisfaction 95 %, received buyers 300 per 30 days (× 1 day / 30 = 10), answers per question 1.00.
        Assert.Equal(
            ["avg_response_seconds", "first_response_seconds", "qa_ratio", "received_buyers", "reply_rate", "satisfaction_rate"],
            aftersale.Keys.Order(StringComparer.Ordinal));
        Assert.All(aftersale.Values, f => Assert.Equal("scorecard", f.Source));
        Assert.Equal((20.0, false), (aftersale["first_response_seconds"].Standard, aftersale["first_response_seconds"].Below));
        Assert.Equal((30.0, false), (aftersale["avg_response_seconds"].Standard, aftersale["avg_response_seconds"].Below));
        Assert.Equal(10.0, aftersale["received_buyers"].Standard, 9);
        Assert.True(aftersale["received_buyers"].Below, "1 received buyer is under 10");
        Assert.Equal((1.0, false), (aftersale["reply_rate"].Standard, aftersale["reply_rate"].Below));

        // The seller is still held to the presale card: conversion 50 %, sales 100,000 per 30 days (× 1 / 30).
        var presale = Findings("P");
        Assert.Equal(0.5, presale["final_conversion"].Standard, 9);
        Assert.Equal(100000 / 30.0, presale["sales_amount"].Standard, 6);
        Assert.DoesNotContain("received_buyers", presale.Keys);
        // An agent of both roles without a card of its own sells: the presale card, as the scorecards take it.
        Assert.Equal(presale.Keys.Order(StringComparer.Ordinal), Findings("B").Keys.Order(StringComparer.Ordinal));

        var diagnosis = KpiDiagnostics.ForAgent(bed.Warehouse, "A", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), "en");
        Assert.Equal(("aftersale", true), (diagnosis.Role, diagnosis.RoleHasCard));
        Assert.Equal(["received_buyers"], diagnosis.Weak.Select(f => f.Metric));
    }

    [Fact]
    public void A_role_without_a_card_borrows_none_and_keeps_only_the_stores_own_standards()
    {
        using (var connection = bed.Warehouse.OpenConnection())
        {
            // The store's own version names only presale items: after-sales has no card in it.
            connection.Execute("""
                insert into app.scorecard_item (store_id, effective_from, metric, weight, target, direction)
                values ('S', date '2026-01-01', 'reply_rate', 100, 1.0, 'higher')
                """);
        }

        bed.Ingest();

        // No card and no standard of the store's own: nothing to hold the after-sales agent to, and the refusal says so.
        Assert.Empty(Findings("A"));
        var refusal = Assert.Throws<PlanningException>(() =>
            KpiDiagnostics.ForAgent(bed.Warehouse, "A", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), "en"));
        Assert.Equal(("no_card_for_role", "A", "aftersale"), (refusal.Reason, refusal.Agent, refusal.Role));
        // The seller keeps the store's presale card.
        Assert.Equal(["reply_rate"], Findings("P").Keys);

        using (var connection = bed.Warehouse.OpenConnection())
        {
            connection.Execute("""
                insert into app.kpi_standard (store_id, effective_from, metric, standard_value, direction)
                values ('S', date '2026-01-01', 'first_response_seconds', 10, 'lower')
                """);
        }

        // The store's own standard holds every role: 15 s is over 10 s. Still no card's target is borrowed.
        var findings = Findings("A");
        Assert.Equal(["first_response_seconds"], findings.Keys);
        Assert.Equal((10.0, "standard", true), findings["first_response_seconds"]);
        var diagnosis = KpiDiagnostics.ForAgent(bed.Warehouse, "A", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), "en");
        Assert.Equal(("aftersale", false), (diagnosis.Role, diagnosis.RoleHasCard));
    }
}
