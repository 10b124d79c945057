using CsKpi.Warehouse.Metrics;
using Dapper;

namespace CsKpi.Warehouse.Tests;

public sealed class MetricSchemaTests
{
    [Fact]
    public void Opening_loads_the_registry_into_core_metric()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();

        var rows = connection.Query<(string Code, string Kind, string? Numerator, string Direction, bool Scorecard)>(
            "select code, kind, numerator, direction, scorecard from core.metric order by position").ToList();
        Assert.Equal(MetricRegistry.Embedded.All.Select(m => m.Code), rows.Select(r => r.Code));
        Assert.Contains(("first_response_seconds", "ratio", "first_response_total_seconds", "lower", true), rows);
        Assert.Equal(["store"], connection.Query<string>("select unnest(levels) from core.metric where code = 'silent_share'"));
        Assert.Equal("首次响应时间", connection.ExecuteScalar<string>("select zh from core.metric where code = 'first_response_seconds'"));
    }

    [Fact]
    public void Every_metric_is_a_commented_column_of_the_daily_mart_of_each_of_its_levels()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();
        var columns = connection.Query<(string Table, string Column, string? Comment)>("""
            select table_name, column_name, comment from duckdb_columns()
            where schema_name = 'marts' and table_name like 'kpi_%_daily'
            """).ToDictionary(c => (c.Table, c.Column), c => c.Comment);

        foreach (var (level, table) in MetricSchema.DailyTables)
        {
            foreach (var metric in MetricRegistry.Embedded.At(level))
            {
                Assert.True(columns.TryGetValue((table, metric.Code), out var comment), $"{table} lacks {metric.Code}");
                Assert.Equal($"{metric.Zh} — {metric.DefinitionEn}", comment);
            }
        }

        Assert.Empty(MetricSchema.ColumnsOwed(connection, MetricRegistry.Embedded));
        // every metric column may be empty: an agent report fills only the metrics it carries (issue 16)
        var nullable = connection.Query<(string Column, bool IsNullable)>("""
            select column_name, is_nullable from duckdb_columns() where table_name = 'kpi_team_daily'
            """).ToDictionary(c => c.Column, c => c.IsNullable);
        Assert.True(nullable["received_buyers"]);
        Assert.True(nullable["reply_rate"]);
        Assert.True(nullable["daily_cost"]);
        // the report ranges' mart has the agent metrics too
        foreach (var metric in MetricRegistry.Embedded.At("agent"))
        {
            Assert.True(connection.ExecuteScalar<long>(
                $"select count(*) from duckdb_columns() where table_name = 'kpi_agent_report_period' and column_name = '{metric.Code}'") == 1,
                $"kpi_agent_report_period lacks {metric.Code}");
        }
    }

    [Fact]
    public void A_warehouse_whose_sums_were_made_not_null_owes_dropping_it_so_a_report_can_leave_a_metric_empty()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();
        // what an older build made of a new warehouse's sums
        connection.Execute("alter table marts.kpi_agent_daily alter column received_buyers set not null");

        Assert.Equal(["alter table marts.kpi_agent_daily alter column received_buyers drop not null"], MetricSchema.ColumnsOwed(connection, MetricRegistry.Embedded));
        MetricSchema.SyncColumns(connection, MetricRegistry.Embedded);
        Assert.Empty(MetricSchema.ColumnsOwed(connection, MetricRegistry.Embedded));
    }

    [Fact]
    public void A_metric_the_registry_adds_becomes_a_column_and_owes_a_full_recompute()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();
        // the marts have been computed once, with the registry this build ships
        connection.Execute("insert into etl.recompute_run select 1, 'full', 0, current_localtimestamp(), current_localtimestamp(), 0");
        Assert.Equal(0, OwedWork.Read(connection, null).SettingsChanged);

        var grown = new MetricRegistry([.. MetricRegistry.Embedded.All, new Metric
        {
            Code = "transfer_buyers", Zh = "转接人数", En = "Transfers", Type = "integer", Levels = ["agent", "team", "store"],
            DefinitionZh = "转给其他客服的接待", DefinitionEn = "receptions handed to another agent",
        }]);
        // a column and its comment for each level's daily mart, and for the agent report ranges' mart
        Assert.Equal(8, MetricSchema.ColumnsOwed(connection, grown).Count);
        MetricSchema.SyncColumns(connection, grown);
        MetricSchema.Apply(connection, grown);

        foreach (var table in MetricSchema.DailyTables.Values)
        {
            Assert.Equal("INTEGER", connection.ExecuteScalar<string>(
                $"select data_type from duckdb_columns() where table_name = '{table}' and column_name = 'transfer_buyers'"));
        }

        Assert.Equal(1, OwedWork.Read(connection, null).SettingsChanged);
        Assert.Empty(MetricSchema.ColumnsOwed(connection, grown));
        Assert.Equal("转接人数", connection.ExecuteScalar<string>("select zh from core.metric where code = 'transfer_buyers'"));

        // the same registry again owes nothing new
        MetricSchema.Apply(connection, grown);
        Assert.Equal(1, OwedWork.Read(connection, null).SettingsChanged);
        Assert.Equal(2, connection.ExecuteScalar<long>("select count(*) from etl.metric_registry_change"));
    }
}
