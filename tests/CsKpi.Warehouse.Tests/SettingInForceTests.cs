using System.Text.RegularExpressions;
using Dapper;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// "The setting in force" is one rule, written once for versions (app.version_in_force) and once for keyed values
/// (app.value_in_force), and read through one macro per settings table: a store's own newest version on or before
/// the day beats the default's (*) whatever their dates.
/// </summary>
public sealed class SettingInForceTests
{
    [Fact]
    public void A_stores_own_value_beats_the_default_from_its_own_first_day_whatever_their_dates()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();
        connection.Execute("""
            insert into app.setting (store_id, code, value, effective_from) values
                ('甲店', 'slow_seconds', '45', date '2026-02-01'),
                ('*', 'slow_seconds', '90', date '2026-03-01');
            """);

        string? SlowSeconds(string store, string day) => connection.ExecuteScalar<string>(
            "select value from app.setting_in_force($store, $day::date) where code = 'slow_seconds'", new { store, day });

        Assert.Equal("60", SlowSeconds("甲店", "2026-01-31"));   // before its own: the default of 0007
        Assert.Equal("45", SlowSeconds("甲店", "2026-02-01"));
        Assert.Equal("45", SlowSeconds("甲店", "2026-03-05"));   // a newer default does not beat the store's own
        Assert.Equal("90", SlowSeconds("乙店", "2026-03-05"));   // a store without its own (even one unknown) gets the default
        Assert.Equal("60", SlowSeconds("乙店", "2026-02-28"));
    }

    [Fact]
    public void A_scorecard_version_is_every_item_of_one_store_and_date()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();
        connection.Execute("""
            insert into app.scorecard_item (store_id, effective_from, metric, weight, target, direction) values
                ('甲店', date '2026-02-01', 'reply_rate', 100, 1, 'higher'),
                ('*', date '2026-03-01', 'aov', 100, 150, 'higher');
            """);

        List<string> Items(string store, string day) => connection.Query<string>(
            "select metric from app.scorecard_in_force($store, $day::date) order by metric", new { store, day }).ToList();

        Assert.Equal(9, Items("甲店", "2026-01-31").Count);
        Assert.Equal(["reply_rate"], Items("甲店", "2026-04-01"));
        Assert.Equal(["aov"], Items("乙店", "2026-04-01"));
        Assert.Empty(Items("乙店", "1999-12-31"));
    }

    [Fact]
    public void A_version_holds_every_roles_card_and_a_role_without_one_gets_the_presale_card()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();
        connection.Execute("""
            insert into app.scorecard_item (store_id, effective_from, role, metric, weight, target, direction) values
                ('甲店', date '2026-02-01', 'presale', 'reply_rate', 100, 1, 'higher');
            """);

        List<string> Items(string store, string role) => connection.Query<string>(
            "select metric from app.scorecard_in_force($store, date '2026-03-01', card_role := $role) order by metric", new { store, role }).ToList();

        // the default version has an after-sales card of its own (0064): service, no conversion or sales
        Assert.Equal(["avg_response_seconds", "first_response_seconds", "qa_ratio", "received_buyers", "reply_rate", "satisfaction_rate"], Items("乙店", "aftersale"));
        Assert.Equal(9, Items("乙店", "presale").Count);
        Assert.Equal(9, Items("乙店", "both").Count);   // no card of its own: the presale card
        // a store's own version naming only presale items scores every role by them
        Assert.Equal(["reply_rate"], Items("甲店", "aftersale"));
        Assert.Equal(6 + 9, connection.ExecuteScalar<long>("select count(*) from app.scorecards_in_force('乙店', date '2026-03-01')"));
    }

    [Fact]
    public void No_other_sql_spells_the_rule()
    {
        var rule = new Regex(@"order\s+by\s+[a-z_.]*store_id\s*=\s*'\*'", RegexOptions.IgnoreCase);
        var sources = typeof(SqlScripts).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith("sql/", StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => r["sql/".Length..])
            .Where(path => !path.StartsWith("schema/", StringComparison.Ordinal))
            .Where(path => rule.IsMatch(SqlScripts.Get(path)))
            .ToList();

        Assert.Equal(["macros/app.value_in_force.sql", "macros/app.version_in_force.sql"], sources.Order(StringComparer.Ordinal));

        // Nor does any C# of the site, the jobs or the ETL: they read the *_in_force macros.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CsKpi.Warehouse.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var code = new[] { "warehouse", "jobs", "web", "etl" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root.FullName, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => rule.IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(root.FullName, file))
            .ToList();
        Assert.Empty(code);
    }
}
