using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Rankings and scorecards worked by hand. The daily rows are written straight into kpi_agent_daily (copied from one
/// real row, with the numbers replaced), so the macros are tested on exactly the sums worked out here.
/// </summary>
public sealed class RankingAndScorecardTests : IDisposable
{
    private readonly MartBed bed = new();

    public RankingAndScorecardTests()
    {
        bed.Chats("m1,S,b1,T,buyer,2026-03-02 10:00:00,在吗", "m2,S,b1,T,agent,2026-03-02 10:00:10,在的");
        bed.Ingest();
        using var connection = bed.Warehouse.OpenConnection();
        connection.Execute("delete from marts.kpi_agent_daily where agent_id <> 'T'");
    }

    public void Dispose() => bed.Dispose();

    /// <summary>Adds a day row of an agent: every count 0 unless given; ratios are the macros' business, not the row's.</summary>
    private void Day(string agent, string team, string day, string values)
    {
        using var connection = bed.Warehouse.OpenConnection();
        connection.Execute($"""
            insert into marts.kpi_agent_daily
            select * replace ('{agent}' as agent_id, '{team}' as team, '{agent}' as agent_name, date '{day}' as business_day, {values})
            from (select * replace (0 as consult_buyers, 0 as filtered_buyers, 0 as received_buyers, 0 as inquiry_buyers,
                      0 as replied_buyers, 0 as unreplied_buyers, 0 as buyer_messages, 0 as agent_messages, 0 as slow_buyers,
                      0 as reception_seconds, 0 as sales_amount, 0 as sales_items, 0 as sales_buyers, 0 as refund_amount,
                      0 as inquiry_paid_next_day, 0 as inquiry_paid_final, 0 as rated_buyers, 0 as satisfied_buyers,
                      0 as assist_buyers, 0 as first_responses, 0 as first_response_total_seconds, 0 as answered_questions,
                      0 as response_total_seconds, null as daily_cost)
                  from marts.kpi_agent_daily where agent_id = 'T')
            """);
    }

    [Fact]
    public void Ties_share_a_rank_small_samples_stand_apart_and_times_rank_lower_first()
    {
        // final_conversion over March: A 20/40 = 0.5, B 16/40 = 0.4, C 8/20 + 8/20 over two days = 16/40 = 0.4, D 12/40 = 0.3,
        // E 9/10 = 0.9 but only 10 inquiry buyers (< 30): listed apart, unranked.
        Day("A", "一组", "2026-03-02", "40 as inquiry_buyers, 20 as inquiry_paid_final, 100 as first_response_total_seconds, 10 as first_responses");
        Day("B", "一组", "2026-03-02", "40 as inquiry_buyers, 16 as inquiry_paid_final, 300 as first_response_total_seconds, 10 as first_responses");
        Day("C", "二组", "2026-03-02", "20 as inquiry_buyers, 8 as inquiry_paid_final, 200 as first_response_total_seconds, 10 as first_responses");
        Day("C", "二组", "2026-03-03", "20 as inquiry_buyers, 8 as inquiry_paid_final");
        Day("D", "二组", "2026-03-02", "40 as inquiry_buyers, 12 as inquiry_paid_final, 200 as first_response_total_seconds, 10 as first_responses");
        Day("E", "二组", "2026-03-02", "10 as inquiry_buyers, 9 as inquiry_paid_final");

        var ranks = bed.Rows("""
            select agent_id, metric, value, store_rank, team_rank, is_small_sample
            from marts.agent_ranking('month', date '2026-03-01', date '2026-03-31')
            where metric in ('final_conversion', 'first_response_seconds') and agent_id <> 'T'
            """).ToDictionary(r => $"{r["agent_id"]}:{r["metric"]}");

        Assert.Equal(0.4, MartBed.Number(ranks["C:final_conversion"], "value")!.Value, 9);
        Assert.Equal([1, 2, 2, 4], new[] { "A", "B", "C", "D" }.Select(a => MartBed.Number(ranks[a + ":final_conversion"], "store_rank")));
        Assert.Equal([1, 2, 1, 2], new[] { "A", "B", "C", "D" }.Select(a => MartBed.Number(ranks[a + ":final_conversion"], "team_rank")));
        Assert.True((bool)ranks["E:final_conversion"]["is_small_sample"]!);
        Assert.Null(ranks["E:final_conversion"]["store_rank"]);

        // first_response_seconds, lower first: A 10 s, C 20 s and D 20 s tie, B 30 s.
        Assert.Equal([1, 4, 2, 2], new[] { "A", "B", "C", "D" }.Select(a => MartBed.Number(ranks[a + ":first_response_seconds"], "store_rank")));
    }

    [Fact]
    public void Periods_are_ratios_of_sums_never_means_of_daily_ratios()
    {
        // A: Monday 03-02 received 10, replied 10 (100 %), first responses 10 s × 4; Sunday 03-08 received 30, replied 15
        // (50 %), 50 s × 1; Monday 03-09 received 10, replied 5. Week 10 (03-02…03-08): reply_rate 25/40 = 0.625, not the mean
        // of the daily rates (0.75); first_response_seconds (40 + 50) / 5 = 18 s, not (10 + 50) / 2 = 30 s.
        Day("A", "一组", "2026-03-02", "10 as received_buyers, 10 as replied_buyers, 40 as first_response_total_seconds, 4 as first_responses");
        Day("A", "一组", "2026-03-08", "30 as received_buyers, 15 as replied_buyers, 50 as first_response_total_seconds, 1 as first_responses");
        Day("A", "一组", "2026-03-09", "10 as received_buyers, 5 as replied_buyers");

        var weeks = bed.Rows("""
            select period, strftime(period_start, '%Y-%m-%d') as period_start, strftime(period_end, '%Y-%m-%d') as period_end,
                   received_buyers, reply_rate, first_response_seconds
            from marts.kpi_agent_period('week', date '2026-03-01', date '2026-03-31') where agent_id = 'A' order by period
            """);
        Assert.Equal(["2026-W10", "2026-W11"], weeks.Select(w => (string)w["period"]!));
        Assert.Equal("2026-03-02", weeks[0]["period_start"]);
        Assert.Equal("2026-03-08", weeks[0]["period_end"]);
        Assert.Equal(40, MartBed.Number(weeks[0], "received_buyers"));
        Assert.Equal(0.625, MartBed.Number(weeks[0], "reply_rate")!.Value, 9);
        Assert.Equal(18, MartBed.Number(weeks[0], "first_response_seconds")!.Value, 9);
        Assert.Null(weeks[1]["first_response_seconds"]);

        // The half holds all three days: 30 / 50 = 0.6; the half is named 2026H1 and clipped to the range asked for.
        var half = bed.Single("select period, reply_rate, strftime(period_end, '%Y-%m-%d') as period_end from marts.kpi_agent_period('half', date '2026-01-01', date '2026-06-30') where agent_id = 'A'");
        Assert.Equal("2026H1", half["period"]);
        Assert.Equal(0.6, MartBed.Number(half, "reply_rate")!.Value, 9);
        Assert.Equal("2026-06-30", half["period_end"]);
    }

    [Fact]
    public void The_scorecard_caps_items_scales_sum_targets_and_scores_lower_is_better_items()
    {
        // X in March (31 days; sum targets × 31/30):
        //   final_conversion 24/40 = 0.6 → 25 × min(1.15, 1.2) = 28.75
        //   sales_amount 50000 vs 100000 × 31/30 → 15 × 0.4838709677 = 7.2580645161
        //   aov 50000/250 = 200 → 15 × 1 = 15
        //   reply_rate 95/100 → 10 × 0.95 = 9.5
        //   first_response_seconds 1000/100 = 10 s, lower, target 20 → 10 × min(1.15, 2) = 11.5
        //   avg_response_seconds 6000/150 = 40 s → 10 × 30/40 = 7.5
        //   qa_ratio 120/100 = 1.2 → 5 × 1.15 = 5.75
        //   assist_buyers 0 → 0; satisfaction_rate empty (no ratings) → 0
        //   total 85.2580645161 → B
        Day("X", "一组", "2026-03-02", """
            40 as inquiry_buyers, 24 as inquiry_paid_final, 50000 as sales_amount, 250 as sales_buyers, 100 as received_buyers,
            95 as replied_buyers, 1000 as first_response_total_seconds, 100 as first_responses, 6000 as response_total_seconds,
            150 as answered_questions, 100 as buyer_messages, 120 as agent_messages
            """);
        // Y: reply_rate 10/10 → 10; avg_response_seconds 0/5 = 0 s, lower → actual 0 scores the cap, 10 × 1.15 = 11.5;
        // qa_ratio 0/10 = 0 → 0; every other item empty → 0. Total 21.5 → D.
        Day("Y", "一组", "2026-03-03", "10 as received_buyers, 10 as replied_buyers, 10 as buyer_messages, 5 as answered_questions");
        // the store's data reach the month's last day: March is over, scored whole (a month in progress is ScorecardRuleTests')
        Day("T", "T", "2026-03-31", "0 as consult_buyers");

        var cards = bed.Rows("select * from marts.scorecard('month', date '2026-03-01', date '2026-03-31') where agent_id in ('X', 'Y')")
            .ToDictionary(r => (string)r["agent_id"]!);

        Assert.Equal(85.2580645161, MartBed.Number(cards["X"], "total")!.Value, 8);
        Assert.Equal("B", cards["X"]["grade"]);
        Assert.Equal(115, MartBed.Number(cards["X"], "max_total")!.Value, 9);
        Assert.Equal(21.5, MartBed.Number(cards["Y"], "total")!.Value, 9);
        Assert.Equal("D", cards["Y"]["grade"]);
        Assert.Equal(1, MartBed.Number(cards["X"], "team_rank"));
        Assert.Equal(2, MartBed.Number(cards["Y"], "team_rank"));
        Assert.Equal((85.2580645161 + 21.5) / 2, MartBed.Number(cards["Y"], "team_score")!.Value, 8);
        var sales = bed.Single("""
            select i.target, i.score from marts.scorecard('month', date '2026-03-01', date '2026-03-31') as s, unnest(s.items) as u(i)
            where s.agent_id = 'X' and i.metric = 'sales_amount'
            """);
        Assert.Equal(100000 * 31 / 30.0, MartBed.Number(sales, "target")!.Value, 6);
        Assert.Equal(false, cards["X"]["in_progress"]);
    }

    [Fact]
    public void A_store_scorecard_version_in_force_at_month_end_scores_the_month()
    {
        Day("X", "一组", "2026-03-02", "100 as received_buyers, 95 as replied_buyers");
        using (var connection = bed.Warehouse.OpenConnection())
        {
            connection.Execute("""
                insert into app.scorecard_item (store_id, effective_from, metric, weight, target, direction)
                values ('S', date '2026-03-15', 'reply_rate', 100, 1.0, 'higher')
                """);
        }

        var march = bed.Single("select total, grade, strftime(scorecard_from, '%Y-%m-%d') as scorecard_from from marts.scorecard('month', date '2026-03-01', date '2026-03-31') where agent_id = 'X'");
        Assert.Equal(95, MartBed.Number(march, "total")!.Value, 9);   // 100 × 0.95 under S's own scorecard
        Assert.Equal("2026-03-15", march["scorecard_from"]);
        // A range that ends before the new version still uses the default scorecard: reply_rate 10 × 0.95 = 9.5 and nothing else.
        var early = bed.Single("select total from marts.scorecard('range', date '2026-03-01', date '2026-03-10') where agent_id = 'X'");
        Assert.Equal(9.5, MartBed.Number(early, "total")!.Value, 9);
    }
}
