namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Sales, basket, empty ratios, input-output ratio (投入产出比) and ratings of metrics.md.</summary>
public sealed class SalesTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void Sales_count_paid_credited_orders_with_distinct_buyers_basket_and_items()
    {
        // All four orders are created after A1's answers (10:01) → A1. Paid: o1 100.00 × 2 items, o2 50.50 × 1 (both b1),
        // o3 30.00 × 3 (b2); o4 (999, b2) is not paid → no sale.
        // sales 180.50, items 6, buyers 2, aov 180.50 / 2 = 90.25, items per buyer 6 / 2 = 3. Both inquiries convert: 2/2.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-02 10:01:00,在");
        bed.Orders(
            "o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,100.00,2,paid,0,,",
            "o2,S,b1,2026-03-02 11:10:00,2026-03-02 11:15:00,50.50,1,paid,0,,",
            "o3,S,b2,2026-03-02 11:20:00,2026-03-02 11:25:00,30.00,3,paid,0,,",
            "o4,S,b2,2026-03-02 11:30:00,,999.00,1,created,0,,");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(180.5, MartBed.Number(row, "sales_amount"));
        Assert.Equal(6, MartBed.Number(row, "sales_items"));
        Assert.Equal(2, MartBed.Number(row, "sales_buyers"));
        Assert.Equal(90.25, MartBed.Number(row, "aov")!.Value, 6);
        Assert.Equal(3.0, MartBed.Number(row, "items_per_buyer")!.Value, 6);
        Assert.Equal(1.0, MartBed.Number(row, "next_day_conversion")!.Value, 6);
        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(180.5, MartBed.Number(store, "total_paid_amount"));
        Assert.Equal(0, MartBed.Number(store, "silent_amount"));
        Assert.Equal(1.0, MartBed.Number(store, "cs_sales_share")!.Value, 6);
    }

    [Fact]
    public void A_sale_on_a_day_without_receptions_has_a_row_whose_reception_ratios_are_null()
    {
        // b1 asks A1 at 03-02 23:00 (answered 23:01), orders 03-03 09:00 (within 3 days → A1), pays 09:05: 100.00 × 2 items.
        // A1 03-03: no consultation, but a sale → a row; every ratio over receptions has denominator 0 → null;
        // sales 100, buyers 1, aov 100, items per buyer 2.
        // A1 03-02: a reception with no sale → aov and items per buyer null; b1 converts next day (paid D+1) → 1/1.
        // Store 03-02 has no paid order → both shares null.
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 23:00:00,明天发货吗",
            "m2,S,b1,A1,agent,2026-03-02 23:01:00,明天发");
        bed.Orders("o1,S,b1,2026-03-03 09:00:00,2026-03-03 09:05:00,100.00,2,paid,0,,");
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-03");
        Assert.Equal(0, MartBed.Number(row, "consult_buyers"));
        Assert.Equal(0, MartBed.Number(row, "received_buyers"));
        Assert.Equal(0, MartBed.Number(row, "unreplied_buyers"));
        foreach (var ratio in new[]
                 {
                     "reply_rate", "qa_ratio", "first_response_seconds", "avg_response_seconds", "avg_reception_seconds",
                     "next_day_conversion", "final_conversion", "satisfaction_rate", "roi",
                 })
        {
            Assert.True(row[ratio] is null, ratio + " should be null");
        }

        Assert.Equal(100, MartBed.Number(row, "sales_amount"));
        Assert.Equal(2, MartBed.Number(row, "sales_items"));
        Assert.Equal(1, MartBed.Number(row, "sales_buyers"));
        Assert.Equal(100, MartBed.Number(row, "aov")!.Value, 6);
        Assert.Equal(2, MartBed.Number(row, "items_per_buyer")!.Value, 6);

        var team = bed.Team("未登记", "2026-03-03");
        Assert.Null(team["reply_rate"]);
        Assert.Equal(100, MartBed.Number(team, "aov")!.Value, 6);

        var before = bed.Agent("A1", "2026-03-02");
        Assert.Null(before["aov"]);
        Assert.Null(before["items_per_buyer"]);
        Assert.Equal(1.0, MartBed.Number(before, "next_day_conversion")!.Value, 6);
        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(0, MartBed.Number(store, "total_paid_amount"));
        Assert.Null(store["cs_sales_share"]);
        Assert.Null(store["cs_buyer_share"]);
        Assert.Equal(1.0, MartBed.Number(bed.Store("S", "2026-03-03"), "cs_sales_share")!.Value, 6);
    }

    [Fact]
    public void Roi_is_sales_over_a_thirtieth_of_the_monthly_cost_and_empty_without_a_cost()
    {
        // Roster: A1 一组 6000/month → 200/day; A2 一组 no cost; A3 二组 3000/month → 100/day.
        // 03-02: A1 sells 300 → roi 300 / 200 = 1.5; A2 sells 150 → roi null; A3 receives b4 but sells nothing → 0 / 100 = 0.
        // 03-03: A1 receives b3, no sale → 0.
        // Team 一组 03-02: sales 450, but roi = sales of costed agents / their cost = 300 / 200 = 1.5.
        // Store 03-02: costed sales 300 + 0 over cost 200 + 100 → 1.0.
        bed.Agents(
            "A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01",
            "A2,李四,S,一组,presale,2026-01-01,,L1,0.9,,2026-03-01",
            "A3,王五,S,二组,presale,2026-01-01,,L1,0.9,3000,2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,在",
            "m3,S,b2,A2,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A2,agent,2026-03-02 10:01:00,在",
            "m5,S,b4,A3,buyer,2026-03-02 10:00:00,在吗",
            "m6,S,b4,A3,agent,2026-03-02 10:01:00,在",
            "m7,S,b3,A1,buyer,2026-03-03 10:00:00,在吗",
            "m8,S,b3,A1,agent,2026-03-03 10:01:00,在");
        bed.Orders(
            "o1,S,b1,2026-03-02 11:00:00,2026-03-02 11:05:00,300.00,1,paid,0,,",
            "o2,S,b2,2026-03-02 11:00:00,2026-03-02 11:05:00,150.00,1,paid,0,,");
        bed.Ingest();

        var a1 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(200, MartBed.Number(a1, "daily_cost"));
        Assert.Equal(1.5, MartBed.Number(a1, "roi")!.Value, 6);
        var a2 = bed.Agent("A2", "2026-03-02");
        Assert.Equal(150, MartBed.Number(a2, "sales_amount"));
        Assert.Null(a2["roi"]);
        Assert.Null(a2["daily_cost"]);
        Assert.Equal(0.0, MartBed.Number(bed.Agent("A3", "2026-03-02"), "roi")!.Value, 6);
        Assert.Equal(0.0, MartBed.Number(bed.Agent("A1", "2026-03-03"), "roi")!.Value, 6);

        var team = bed.Team("一组", "2026-03-02");
        Assert.Equal(450, MartBed.Number(team, "sales_amount"));
        Assert.Equal(1.5, MartBed.Number(team, "roi")!.Value, 6);
        Assert.Equal(0.0, MartBed.Number(bed.Team("二组", "2026-03-02"), "roi")!.Value, 6);
        Assert.Equal(1.0, MartBed.Number(bed.Store("S", "2026-03-02"), "roi")!.Value, 6);
    }

    [Fact]
    public void Satisfied_is_a_score_of_four_or_five_and_a_buyer_rerating_an_agent_the_same_day_replaces_it()
    {
        // A1 03-02: b1 rates 5 at 12:00 then 2 at 18:00 → 2 counts; b2 3; b3 4 → rated 3, satisfied 1 (b3) → 1/3.
        // b1's 5 for A2 the same day is another agent's rating → A2 rated 1, satisfied 1.
        // b4's 5 on 03-03 falls on 03-03. Store 03-02: rated 4, satisfied 2 → 0.5. Nobody chatted: rows come from ratings alone.
        // A later file: b3 re-rates A1 with 1 at 20:00 → A1 03-02 rated 3, satisfied 0 → 0.
        bed.Ratings(
            "S,b1,A1,2026-03-02 12:00:00,5,好",
            "S,b2,A1,2026-03-02 12:30:00,3,一般",
            "S,b1,A1,2026-03-02 18:00:00,2,改差评",
            "S,b3,A1,2026-03-02 13:00:00,4,还行",
            "S,b1,A2,2026-03-02 19:00:00,5,好",
            "S,b4,A1,2026-03-03 09:00:00,5,好");
        bed.Ingest();

        var a1 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(3, MartBed.Number(a1, "rated_buyers"));
        Assert.Equal(1, MartBed.Number(a1, "satisfied_buyers"));
        Assert.Equal(1.0 / 3.0, MartBed.Number(a1, "satisfaction_rate")!.Value, 6);
        Assert.Equal(0, MartBed.Number(a1, "consult_buyers"));
        var a2 = bed.Agent("A2", "2026-03-02");
        Assert.Equal(1, MartBed.Number(a2, "rated_buyers"));
        Assert.Equal(1.0, MartBed.Number(a2, "satisfaction_rate")!.Value, 6);
        var next = bed.Agent("A1", "2026-03-03");
        Assert.Equal(1, MartBed.Number(next, "rated_buyers"));
        Assert.Equal(1, MartBed.Number(next, "satisfied_buyers"));
        var store = bed.Store("S", "2026-03-02");
        Assert.Equal(4, MartBed.Number(store, "rated_buyers"));
        Assert.Equal(0.5, MartBed.Number(store, "satisfaction_rate")!.Value, 6);

        bed.Ratings("S,b3,A1,2026-03-02 20:00:00,1,不满意了");
        bed.Ingest();
        a1 = bed.Agent("A1", "2026-03-02");
        Assert.Equal(3, MartBed.Number(a1, "rated_buyers"));
        Assert.Equal(0, MartBed.Number(a1, "satisfied_buyers"));
        Assert.Equal(0.0, MartBed.Number(a1, "satisfaction_rate")!.Value, 6);
    }
}
