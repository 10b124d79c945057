using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Issue 18 points 2 and 3: one rule for a month in progress (sum targets prorated to the days the data reach, the card
/// marked in progress and provisional, the kept card and an on-demand range agreeing), and a card per role (an
/// after-sales agent scored on service, not on conversion and sales). Loaded through the real ETL and recompute.
/// </summary>
public sealed class ScorecardRuleTests : IDisposable
{
    private readonly MartBed bed = new();

    public ScorecardRuleTests() =>
        bed.Agents(
            "P,售前甲,S,售前一组,presale,2026-01-01,,L1,0.9,3000,2026-01-01",
            "A,售后乙,S,售后组,aftersale,2026-01-01,,L1,0.9,3000,2026-01-01",
            "B,兼岗丙,S,售前一组,both,2026-01-01,,L1,0.9,3000,2026-01-01");

    public void Dispose() => bed.Dispose();

    private void ChatsOn(string day)
    {
        var lines = new[] { "P", "A", "B" }.SelectMany((agent, i) => new[]
        {
            $"{day}-{agent}-1,S,buyer{i}-{day},{agent},buyer,{day} 10:00:00,在吗",
            $"{day}-{agent}-2,S,buyer{i}-{day},{agent},agent,{day} 10:00:15,在的",
        });
        bed.Chats([.. lines]);
    }

    private Dictionary<string, IReadOnlyDictionary<string, object?>> MarchCards() => bed.Rows("""
        select agent_id, role, strftime(scored_to, '%Y-%m-%d') as scored_to, in_progress, is_provisional, total,
               [i.metric for i in items] as metrics,
               [i.target for i in items if i.metric = 'received_buyers'][1] as received_target,
               [i.target for i in items if i.metric = 'sales_amount'][1] as sales_target,
               store_rank
        from marts.scorecard_monthly where month = '2026-03'
        """).ToDictionary(r => (string)r["agent_id"]!);

    [Fact]
    public void A_month_in_progress_is_scored_to_the_newest_day_with_targets_prorated_and_kept_provisional()
    {
        ChatsOn("2026-03-02");
        ChatsOn("2026-03-10");
        bed.Ingest();

        var march = MarchCards();
        // The data reach 10 March: the month is scored over its first 10 days, sums' targets × 10 / 30.
        Assert.Equal("2026-03-10", march["P"]["scored_to"]);
        Assert.Equal(true, march["P"]["in_progress"]);
        Assert.Equal(true, march["P"]["is_provisional"]);
        Assert.Equal(100000 * 10 / 30.0, MartBed.Number(march["P"], "sales_target")!.Value, 6);
        Assert.Equal(300 * 10 / 30.0, MartBed.Number(march["A"], "received_target")!.Value, 6);

        // The same month asked on demand to its newest day (the scorecard page's range, the editor's preview) agrees.
        var range = bed.Rows("select agent_id, total from marts.scorecard('range', date '2026-03-01', date '2026-03-10')")
            .ToDictionary(r => (string)r["agent_id"]!);
        foreach (var agent in new[] { "P", "A", "B" })
        {
            Assert.Equal(MartBed.Number(march[agent], "total")!.Value, MartBed.Number(range[agent], "total")!.Value, 9);
        }

        // A load of April days only ends March: its kept card is rebuilt whole (31 days) though none of its days was.
        ChatsOn("2026-04-10");
        bed.Ingest();
        march = MarchCards();
        Assert.Equal("2026-03-31", march["A"]["scored_to"]);
        Assert.Equal(false, march["A"]["in_progress"]);
        Assert.Equal(300 * 31 / 30.0, MartBed.Number(march["A"], "received_target")!.Value, 6);
        // The after-sales card has no value that waits for payments: ended, it is final.
        Assert.Equal(false, march["A"]["is_provisional"]);
    }

    [Fact]
    public void An_aftersale_agent_is_scored_by_the_aftersale_card_and_ranked_among_its_agents()
    {
        ChatsOn("2026-03-02");
        ChatsOn("2026-04-01");
        bed.Ingest();

        var march = MarchCards();
        Assert.Equal("aftersale", march["A"]["role"]);
        var aftersale = ((System.Collections.IEnumerable)march["A"]["metrics"]!).Cast<string>().ToList();
        Assert.Contains("satisfaction_rate", aftersale);
        Assert.Contains("received_buyers", aftersale);
        Assert.DoesNotContain("final_conversion", aftersale);
        Assert.DoesNotContain("sales_amount", aftersale);
        // presale and both (no card of its own) are scored by the presale card
        Assert.Equal("presale", march["P"]["role"]);
        Assert.Equal("presale", march["B"]["role"]);
        Assert.Contains("final_conversion", ((System.Collections.IEnumerable)march["B"]["metrics"]!).Cast<string>());
        // the only after-sales agent is first among the after-sales agents, whatever the sellers scored
        Assert.Equal(1, MartBed.Number(march["A"], "store_rank"));
    }

    [Fact]
    public void A_store_version_that_names_only_presale_items_scores_every_role_by_them()
    {
        ChatsOn("2026-03-02");
        ChatsOn("2026-04-01");
        using (var connection = bed.Warehouse.OpenConnection())
        {
            connection.Execute("""
                insert into app.scorecard_item (store_id, effective_from, metric, weight, target, direction)
                values ('S', date '2026-01-01', 'reply_rate', 100, 1.0, 'higher')
                """);
        }

        bed.Ingest();

        var march = MarchCards();
        Assert.Equal("presale", march["A"]["role"]);
        Assert.Equal(["reply_rate"], ((System.Collections.IEnumerable)march["A"]["metrics"]!).Cast<string>());
        Assert.Equal(100, MartBed.Number(march["A"], "total")!.Value, 9);
    }
}
