using CsKpi.Warehouse.Metrics;

namespace CsKpi.Warehouse.Tests;

public sealed class MetricSqlTests
{
    private static readonly MetricRegistry Registry = MetricRegistry.Parse("""
        metrics:
          - code: won
            zh: 赢
            en: Won
            type: integer
            scorecard: true
          - code: played
            zh: 局
            en: Played
            type: double
            direction: lower
            scorecard: true
          - code: cost
            zh: 成本
            en: Cost
            type: decimal(18,4)
            empty_when_none: true
            reports_only: true
          - code: store_only
            zh: 店
            en: Store
            type: integer
            levels: [store]
          - code: win_rate
            zh: 胜率
            en: Win rate
            numerator: won
            denominator: played
            scorecard: true
        """);

    [Fact]
    public void Each_placeholder_becomes_the_registry_list_of_its_level()
    {
        Assert.Equal("sum(won) as won,\n    sum(played) as played,\n    sum(cost) as cost", MetricSql.Fragment(Registry, "sums", "team"));
        // a store-only sum comes from the store model, not from the team rows
        Assert.DoesNotContain("store_only", MetricSql.Fragment(Registry, "sums", "store"));
        Assert.Equal("sum(won)::bigint as won,\n    sum(played) as played,\n    sum(cost) as cost,\n    sum(store_only)::bigint as store_only",
            MetricSql.Fragment(Registry, "period_sums", "store"));
        // 0 on a row the level below did not reach; where it did, a sum it left empty (a report without it) stays empty
        Assert.Equal("case when has_lower_rows then won else coalesce(won, 0) end as won,\n    "
            + "case when has_lower_rows then played else coalesce(played, 0) end as played,\n    cost,\n    "
            + "coalesce(store_only, 0) as store_only",
            MetricSql.Fragment(Registry, "filled", "store"));
        // an agent-month: its daily rows' sum, else its whole-month report's (issue 16)
        Assert.Equal("coalesce(d.won, r.won) as won,\n    coalesce(d.played, r.played) as played,\n    coalesce(d.cost, r.cost) as cost",
            MetricSql.Fragment(Registry, "daily_else_report", "agent"));
        // a store's month: the whole-month report values its agents' daily rows lack (d), added to its daily sums (s)
        Assert.Equal("sum(case when d.won is null then r.won end)::bigint as won,\n    sum(case when d.played is null then r.played end) as played,\n    "
            + "sum(case when d.cost is null then r.cost end) as cost", MetricSql.Fragment(Registry, "report_supplement", "store"));
        Assert.Equal("case when s.won is null and u.won is null then null else coalesce(s.won, 0) + coalesce(u.won, 0) end as won,\n    "
            + "case when s.played is null and u.played is null then null else coalesce(s.played, 0) + coalesce(u.played, 0) end as played,\n    "
            + "case when s.cost is null and u.cost is null then null else coalesce(s.cost, 0) + coalesce(u.cost, 0) end as cost,\n    s.store_only",
            MetricSql.Fragment(Registry, "with_supplement", "store"));
        Assert.Equal("marts.ratio(won, played) as win_rate", MetricSql.Fragment(Registry, "ratios", "agent"));
        Assert.Equal("won,\n    played,\n    cost,\n    marts.ratio(won, played) as win_rate", MetricSql.Fragment(Registry, "columns", "team"));
        Assert.Equal("won,\n    played,\n    win_rate", MetricSql.Fragment(Registry, "ranked", "agent"));
        Assert.Equal("'played'", MetricSql.Fragment(Registry, "lower_is_better", "agent"));
        Assert.Equal("'won', 'played'", MetricSql.Fragment(Registry, "sum_metrics", "agent"));
        Assert.Equal("('won', 'count', 0, false),\n    ('played', 'count', 1, false),\n    ('cost', 'count', 2, true),\n    ('win_rate', 'count', 3, false)",
            MetricSql.Fragment(Registry, "formats", "agent"));
    }

    [Fact]
    public void A_template_is_expanded_and_a_plain_file_left_alone()
    {
        Assert.Equal("select a,\n    marts.ratio(won, played) as win_rate from t",
            MetricSql.Expand("select a,\n    /*{ratios:team}*/ from t", Registry));
        Assert.Equal("select /* {not a placeholder} */ 1", MetricSql.Expand("select /* {not a placeholder} */ 1", Registry));
        Assert.Throws<InvalidDataException>(() => MetricSql.Expand("/*{sums:region}*/", Registry));
        Assert.Throws<InvalidDataException>(() => MetricSql.Expand("/*{averages:team}*/", Registry));
    }

    [Fact]
    public void The_shipped_models_and_macros_keep_no_placeholder_once_expanded()
    {
        foreach (var file in new[] { "marts/kpi_agent_daily.sql", "marts/kpi_team_daily.sql", "marts/kpi_store_daily.sql" }.Concat(SqlScripts.Under("macros")))
        {
            Assert.DoesNotContain("/*{", SqlScripts.Get(file));
        }

        Assert.Contains("marts.ratio(first_response_total_seconds, first_responses) as first_response_seconds", SqlScripts.Get("marts/kpi_team_daily.sql"));
    }
}
