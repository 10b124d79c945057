using CsKpi.Seed;
using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// The checks of an incremental recompute (<c>sql/checks_recomputed/</c>) look at the rows it rebuilt, named by its
/// scope's temp tables: a broken row inside that scope fails them, one outside it is left to the whole-history checks
/// of the full recompute.
/// </summary>
public sealed class ScopedChecksTests
{
    [Fact]
    public void A_duplicate_on_a_rebuilt_day_fails_the_scoped_checks_and_one_on_another_day_only_the_whole_checks()
    {
        using var bed = new MartBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 3, Days = 4, Start = new DateOnly(2026, 3, 2), Seed = 11 });
        bed.Ingest();
        using var connection = bed.Warehouse.OpenConnection();
        var (store, day) = connection.QueryFirst<(string, DateTime)>(
            "select store_id, business_day from marts.kpi_agent_daily order by business_day, agent_id limit 1");
        var otherDay = connection.ExecuteScalar<DateTime>(
            "select max(business_day) from marts.kpi_agent_daily where store_id = $store", new { store });
        Assert.NotEqual(day, otherDay);
        Assert.Empty(WarehouseChecks.Run(connection));

        // one agent-day twice: a broken key on the first day
        connection.Execute(
            "insert into marts.kpi_agent_daily select * from marts.kpi_agent_daily where store_id = $store and business_day = $day limit 1",
            new { store, day });
        connection.Execute("create temp table reception_day as select store_id, business_day from core.store_day_setting limit 0");
        connection.Execute("create temp table changed_order as select store_id, order_id from core.fct_order limit 0");
        connection.Execute("create temp table credit_order as select store_id, order_id from core.fct_order limit 0");

        // the recompute rebuilt that day: its scoped checks find the duplicate
        connection.Execute("create temp table mart_day as select $store as store_id, cast($day as date) as business_day", new { store, day });
        var scoped = WarehouseChecks.Run(connection, recomputed: true);
        var duplicate = Assert.Single(scoped, f => f.Check == "checks/unique_keys.sql");
        Assert.Contains("marts.kpi_agent_daily", duplicate.Examples[0]);
        // the doubled row also breaks the day's sums into its team row
        Assert.All(scoped, f => Assert.Contains(f.Check, new[] { "checks/unique_keys.sql", "checks/marts_add_up.sql" }));

        // it rebuilt another day only: the scoped checks pass, the whole-history ones still find it
        connection.Execute("create or replace temp table mart_day as select $store as store_id, cast($otherDay as date) as business_day", new { store, otherDay });
        Assert.Empty(WarehouseChecks.Run(connection, recomputed: true));
        Assert.Contains(WarehouseChecks.Run(connection), f => f.Check == "checks/unique_keys.sql");
    }
}
