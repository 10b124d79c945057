using System.Text.Json;
using CsKpi.Seed;
using CsKpi.Warehouse.Tests.Marts;
using Dapper;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// The Parquet lake (ParquetLake, docs/scale-out.md): after a recompute it holds the store-months the recompute
/// touched with the warehouse's own rows, a rewrite replaces partitions rather than adding to them, and a write a
/// crash cut short leaves the old partitions readable and is finished by the next.
/// </summary>
public sealed class LakeTests
{
    [Fact]
    public void After_a_recompute_the_lake_holds_every_touched_store_month_with_the_warehouse_rows()
    {
        using var bed = Seeded();
        var lake = Path.Combine(bed.Root, "lake");

        var report = ParquetLake.Write(bed.Warehouse, lake);

        var storeMonths = bed.Rows("select distinct store_id, strftime(business_day, '%Y-%m') as month from marts.kpi_agent_daily")
            .Select(r => ((string)r["store_id"]!, (string)r["month"]!)).ToList();
        Assert.Equal(4, storeMonths.Count); // two stores, March and April
        foreach (var (store, month) in storeMonths)
        {
            var folder = Path.Combine(lake, "kpi_agent_daily", "store=" + Uri.EscapeDataString(store), "month=" + month);
            Assert.True(Directory.Exists(folder), folder);
            Assert.Single(Directory.GetFiles(folder, "*.parquet"));
        }

        Assert.True(report.Rows > 0 && report.Partitions >= storeMonths.Count, $"{report.Rows} rows, {report.Partitions} partitions");
        AssertLakeIsWarehouse(bed, lake);
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from etl.lake_owed"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(lake, ParquetLake.WritingFolder)));

        // The dictionary travels with the lake: every table, with its columns' types and meanings from the warehouse.
        using var dictionary = JsonDocument.Parse(File.ReadAllText(Path.Combine(lake, ParquetLake.DictionaryFile)));
        var tables = dictionary.RootElement.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(ParquetLake.Tables.Select(t => t.Name), tables.Select(t => t.GetProperty("name").GetString()));
        var agentDaily = tables.Single(t => t.GetProperty("name").GetString() == "kpi_agent_daily");
        var sales = agentDaily.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sales_amount");
        Assert.Contains("销售额", sales.GetProperty("comment").GetString(), StringComparison.Ordinal);
        Assert.Contains(agentDaily.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "store");
    }

    [Fact]
    public void A_rewrite_replaces_partitions_and_leaves_those_the_recompute_did_not_touch()
    {
        using var bed = Seeded();
        var lake = Path.Combine(bed.Root, "lake");
        var first = ParquetLake.Write(bed.Warehouse, lake);

        // Nothing owed: nothing written.
        var files = Files(lake);
        var idle = ParquetLake.Write(bed.Warehouse, lake);
        Assert.Equal(0, idle.Partitions);
        Assert.Equal(files, Files(lake));

        // A full recompute owes every partition again: the lake holds each row once, not twice.
        bed.RecomputeFull();
        ParquetLake.Write(bed.Warehouse, lake);
        AssertLakeIsWarehouse(bed, lake);
        Assert.All(Directory.GetDirectories(Path.Combine(lake, "kpi_agent_daily"), "month=*", SearchOption.AllDirectories),
            folder => Assert.Single(Directory.GetFiles(folder)));

        // A setting of one store from an April day on touches that store's April only; the other partitions stay as written.
        var store = bed.Scalar<string>("select min(store_id) from marts.kpi_agent_daily");
        var before = Files(lake);
        bed.Setting("slow_seconds", "20", "2026-04-03", store);
        bed.RecomputeIncremental();
        var owed = bed.Rows("select store_id, month from etl.lake_owed").Select(r => ((string)r["store_id"]!, (string)r["month"]!)).ToList();
        Assert.Contains((store, "2026-04"), owed);
        Assert.DoesNotContain(owed, o => o.Item1 != store);
        var again = ParquetLake.Write(bed.Warehouse, lake);
        Assert.True(again.StoreMonths < first.StoreMonths, $"{again.StoreMonths} of {first.StoreMonths} store-months rewritten");
        var after = Files(lake);
        var kept = before.Where(f => !owed.Any(o => f.Path.Contains("store=" + Uri.EscapeDataString(o.Item1) + Path.DirectorySeparatorChar + "month=" + o.Item2, StringComparison.Ordinal))
            && f.Path.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, f => Assert.Contains(f, after));
        AssertLakeIsWarehouse(bed, lake);
    }

    [Fact]
    public void A_write_cut_short_leaves_the_old_partitions_readable_and_the_next_run_finishes_it()
    {
        using var bed = Seeded();
        var lake = Path.Combine(bed.Root, "lake");
        ParquetLake.Write(bed.Warehouse, lake);
        var sales = LakeSales(bed, lake);

        // What a kill -9 in the middle of a write leaves: the recompute's partitions still owed, and this writer's
        // staging folder with a partition half written.
        bed.RecomputeFull();
        var store = bed.Scalar<string>("select min(store_id) from marts.kpi_agent_daily");
        var staging = Path.Combine(lake, ParquetLake.WritingFolder, ParquetLake.WriterId(bed.Warehouse) + "." + Guid.NewGuid().ToString("N"));
        var half = Path.Combine(staging, "kpi_agent_daily", "store=" + Uri.EscapeDataString(store), "month=2026-03");
        Directory.CreateDirectory(half);
        File.WriteAllBytes(Path.Combine(half, "data_0.parquet"), [0x50, 0x41, 0x52, 0x31, 0x15, 0x04]);
        Assert.True(bed.Scalar<long>("select count(*) from etl.lake_owed") > 0);

        // Readers still see the old partitions, whole.
        Assert.Equal(sales, LakeSales(bed, lake));

        var report = ParquetLake.Write(bed.Warehouse, lake);

        Assert.False(Directory.Exists(staging));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(lake, ParquetLake.WritingFolder)));
        Assert.True(report.Partitions > 0);
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from etl.lake_owed"));
        AssertLakeIsWarehouse(bed, lake);
    }

    /// <summary>Two stores over the turn of March, rosters, chats, orders and ratings, loaded and recomputed.</summary>
    private static MartBed Seeded()
    {
        var bed = new MartBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 3, Days = 12, Stores = 2, Start = new DateOnly(2026, 3, 25), Seed = 5 });
        bed.Ingest();
        return bed;
    }

    /// <summary>Every lake table holds exactly the rows of its warehouse table (each row once), and the sums agree.</summary>
    private static void AssertLakeIsWarehouse(MartBed bed, string lake)
    {
        foreach (var table in ParquetLake.Tables)
        {
            var columns = string.Join(", ", bed.Rows(
                    "select column_name from duckdb_columns() where schema_name || '.' || table_name = $source order by column_index",
                    new { source = table.Source })
                .Select(r => "\"" + r["column_name"] + "\""));
            var files = $"read_parquet('{ParquetLake.Glob(lake, table.Name)}', hive_partitioning = true, union_by_name = true)";
            var source = $"select {columns} from {table.Source}";
            var parquet = $"select {columns} from {files}";
            var counts = bed.Single($"""
                select (select count(*) from ({source})) as warehouse, (select count(*) from ({parquet})) as lake,
                       (select count(*) from ({source} except all {parquet})) as missing,
                       (select count(*) from ({parquet} except all {source})) as extra
                """);
            Assert.True(Convert.ToInt64(counts["warehouse"]) > 0, $"{table.Name} is empty in the warehouse");
            Assert.True(Equals(counts["warehouse"], counts["lake"]) && Convert.ToInt64(counts["missing"]) == 0 && Convert.ToInt64(counts["extra"]) == 0,
                $"{table.Name}: {counts["warehouse"]} rows in the warehouse, {counts["lake"]} in the lake, {counts["missing"]} missing, {counts["extra"]} extra");
        }

        Assert.Equal(
            bed.Scalar<double>("select sum(sales_amount)::double from marts.kpi_agent_daily"),
            LakeSales(bed, lake));
        Assert.Equal(
            bed.Scalar<double>("select sum(amount)::double from core.fct_order"),
            bed.Scalar<double>($"select sum(amount)::double from read_parquet('{ParquetLake.Glob(lake, "fct_order")}', hive_partitioning = true)"));
    }

    private static double LakeSales(MartBed bed, string lake) =>
        bed.Scalar<double>($"select sum(sales_amount)::double from read_parquet('{ParquetLake.Glob(lake, "kpi_agent_daily")}', hive_partitioning = true)");

    private static List<(string Path, DateTime Written)> Files(string lake) =>
        Directory.GetFiles(lake, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, File.GetLastWriteTimeUtc(f))).ToList();
}
