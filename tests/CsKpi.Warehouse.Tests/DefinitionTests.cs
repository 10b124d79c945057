using System.Text.RegularExpressions;
using Dapper;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// Macros and views live one per file under sql/macros and sql/views and are re-created on every open, so the file
/// is the definition: an edit reaches old warehouses and new ones alike, and numbered migrations keep only what
/// changes stored data.
/// </summary>
public sealed class DefinitionTests : IDisposable
{
    /// <summary>
    /// What migrations may still create: the registry's KPI macros (issue 15 moves them to templates of their own) and
    /// app.audit_digest, which a CHECK of app.audit_log calls: it belongs to the stored rows it seals, and redefining
    /// it would make sealed entries fail their own check.
    /// </summary>
    private static readonly HashSet<string> StillInMigrations =
    [
        "marts.kpi_agent_period", "marts.kpi_team_period", "marts.kpi_store_period", "marts.agent_metric", "app.audit_digest",
    ];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Every_definition_file_is_created_on_a_new_warehouse()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();

        var objects = Objects(connection);
        Assert.NotEmpty(Definition.Embedded);
        Assert.All(Definition.Embedded, d => Assert.Contains(d.Name, objects));
        Assert.Contains(Definition.Embedded, d => d is { Kind: "view", Name: "marts.bonus_monthly" });
        Assert.Contains(Definition.Embedded, d => d is { Kind: "macro", Name: "etl.parse_timestamp" });
    }

    [Fact]
    public void Migrations_create_no_macro_or_view_but_the_listed_ones()
    {
        var creates = new Regex(@"^\s*create\s+(or\s+replace\s+)?(temp\s+)?(macro|view|function)\s+(?<name>[a-z_]+\.[a-z0-9_]+)",
            RegexOptions.IgnoreCase | RegexOptions.Multiline);
        var found = MigrationRunner.Embedded
            .SelectMany(m => creates.Matches(m.Sql).Select(x => $"{m.Version:D4}: {x.Groups["name"].Value}"))
            .Where(x => !StillInMigrations.Contains(x[6..]))
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void A_macro_changed_in_an_old_file_is_replaced_by_its_file_on_open()
    {
        var path = temp.File("old.duckdb");
        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(path)))
        using (var connection = warehouse.OpenConnection())
        {
            // As an older build left it: the same objects with other text, and a view's comment gone.
            connection.Execute("""
                create or replace macro marts.ratio(numerator, denominator) as 42;
                create or replace view marts.review_score_monthly as select 1 as stale;
                """);
        }

        using var reopened = WarehouseDatabase.Open(new WarehouseOptions(path));
        using var check = reopened.OpenConnection();
        Assert.Equal(0.5, check.ExecuteScalar<double>("select marts.ratio(1, 2)"));
        Assert.Equal(0, check.ExecuteScalar<long>("select count(*) from marts.review_score_monthly"));
        Assert.StartsWith("月度质检得分", check.ExecuteScalar<string>(
            "select comment from duckdb_views() where schema_name = 'marts' and view_name = 'review_score_monthly'"), StringComparison.Ordinal);
        Assert.Equal("客服账号", check.ExecuteScalar<string>(
            "select comment from duckdb_columns() where table_name = 'review_score_monthly' and column_name = 'agent_id'"));
    }

    [Fact]
    public void Definitions_are_created_whatever_order_their_files_come_in()
    {
        // Reversed, every file comes before what it calls (marts.scorecard before marts.period_day, …).
        var reversed = Definition.Embedded.Reverse().ToList();
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"), MigrationRunner.Embedded, reversed);
        using var connection = warehouse.OpenConnection();

        Assert.All(reversed, d => Assert.Contains(d.Name, Objects(connection)));
    }

    [Fact]
    public void A_definition_that_cannot_be_created_stops_the_open_and_names_its_file()
    {
        var broken = Definition.Of("view", "marts.broken", "views/marts.broken.sql",
            "create or replace view marts.broken as select * from marts.no_such_table;");

        var error = Assert.Throws<InvalidOperationException>(() => WarehouseDatabase.Open(
            new WarehouseOptions(":memory:"), MigrationRunner.Embedded, [.. Definition.Embedded, broken]));

        Assert.Contains("sql/views/marts.broken.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_file_must_create_what_it_is_named_after()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Definition.Of("macro", "marts.ratio", "macros/marts.ratio.sql",
            "create macro marts.ratio(a, b) as a / b;"));

        Assert.Contains("create or replace macro marts.ratio", error.Message, StringComparison.Ordinal);
    }

    private static HashSet<string> Objects(DuckDB.NET.Data.DuckDBConnection connection) => connection.Query<string>("""
        select schema_name || '.' || function_name from duckdb_functions()
        where database_name = current_database() and function_type in ('macro', 'table_macro')
        union all
        select schema_name || '.' || view_name from duckdb_views() where database_name = current_database() and not internal
        """).ToHashSet(StringComparer.Ordinal);
}
