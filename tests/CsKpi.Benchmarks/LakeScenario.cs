using System.Diagnostics;
using CsKpi.Etl;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using DuckDB.NET.Data;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// The Parquet lake (issue 19, docs/scale-out.md): two stores of 50 agents each (100 agents at scale 1), a month of
/// March. Measured in the same run: the full recompute (the baseline the lake write is compared with), the analyst
/// snapshot, the lake's first write (every partition), a setting of one store changed for its last days and the lake
/// write after that incremental recompute (one store-month rewritten); and the firm-wide month query (sql/lake/firm_stores.sql and firm_agents.sql, as the firm-wide page
/// runs them) on the lake against the same two queries on one DuckDB file (the analyst snapshot of the warehouse),
/// each in a fresh in-memory engine with the same threads, median of five.
/// </summary>
internal static class LakeScenario
{
    private static readonly DateOnly Start = new(2026, 3, 1);
    private const int Runs = 5;

    public static IReadOnlyList<Figure> Run(int scale)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cskpi-bench-lake-{Environment.ProcessId}");
        try
        {
            var month = Path.Combine(root, "inbox");
            var manifest = SeedRun.Run(new SeedOptions
            {
                OutputDirectory = month, Agents = 50 * scale, Stores = 2, Days = 30, Start = Start, Format = SeedFormat.Csv,
            });
            var lake = Path.Combine(root, "lake");
            var file = Path.Combine(root, "cskpi.duckdb");
            using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(file) { LakePath = lake });
            new InboxLoader(warehouse, new EtlOptions { Inbox = month }).IngestInbox();
            var full = MartRecompute.Full(warehouse);
            Require(full);
            var fullSeconds = full.Steps.Where(s => s.Name != "checks").Sum(s => s.Elapsed.TotalSeconds);

            var snapshot = AnalystSnapshot.Write(warehouse);
            var first = ParquetLake.WriteOwed(warehouse)!;

            // A daily touch: a setting of one store changed from its month's last two days on (one more day loaded
            // touches the same: that store's month). The lake rewrites whole store-months.
            using (var connection = warehouse.OpenConnection())
            {
                connection.Execute("""
                    insert into app.setting (store_id, code, value, effective_from)
                    select min(store_id), 'slow_seconds', '20', date '2026-03-29' from core.dim_store
                    """);
            }

            var day = MartRecompute.Incremental(warehouse);
            Require(day);
            var daily = ParquetLake.WriteOwed(warehouse)!;
            // the snapshot of the same data the lake now holds, for the file side of the read
            snapshot = AnalystSnapshot.Write(warehouse);

            var lakeSeconds = Median(() => LakeReader.Month(lake, "2026-03")!.Stores.Count);
            var fileSeconds = Median(() => OnFile(snapshot.Path, "2026-03"));
            var fromLake = LakeReader.Month(lake, "2026-03")!;
            var fromFile = FileStores(snapshot.Path, "2026-03");
            if (fromLake.Stores.Count != fromFile.Count
                || fromLake.Stores.Zip(fromFile).Any(p => p.First.StoreId != p.Second.StoreId || Math.Abs(p.First.SalesAmount - p.Second.SalesAmount) > 0.005))
            {
                throw new InvalidOperationException("the lake and the warehouse file give different firm-wide months");
            }

            var lakeBytes = Directory.GetFiles(lake, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var agentDailyBytes = Directory.GetFiles(Path.Combine(lake, "kpi_agent_daily"), "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            return
            [
                new($"full recompute ({manifest.RowsOf("chats"):N0} messages, {100 * scale} agents, 2 stores, 30 days)", fullSeconds, "s", "the baseline of this run"),
                new($"analyst snapshot ({snapshot.Tables} tables)", snapshot.Elapsed.TotalSeconds, "s", $"{snapshot.Elapsed.TotalSeconds / fullSeconds:P0} of the full recompute"),
                new($"lake, first write ({first.Partitions} partitions, {first.Rows:N0} rows)", first.Elapsed.TotalSeconds, "s", $"{first.Elapsed.TotalSeconds / fullSeconds:P0} of the full recompute"),
                new($"incremental recompute of one store's last days ({day.MartDays} store-days)", day.Elapsed.TotalSeconds, "s", "a setting from 03-29 on"),
                new($"lake write after it ({daily.StoreMonths} store-months, {daily.Partitions} partitions, {daily.Rows:N0} rows)", daily.Elapsed.TotalSeconds, "s",
                    $"{daily.Elapsed.TotalSeconds / day.Elapsed.TotalSeconds:P0} of that recompute"),
                new("firm-wide month on the lake (stores + top 50 agents)", lakeSeconds * 1000, "ms", $"median of {Runs}, fresh engine each"),
                new("the same on one DuckDB file (analyst snapshot)", fileSeconds * 1000, "ms", $"median of {Runs}; lake ÷ file = {lakeSeconds / fileSeconds:N2}×"),
                new("lake on disk (all tables)", lakeBytes / 1e6, "MB", $"warehouse file {new FileInfo(file).Length / 1e6:N0} MB, snapshot {new FileInfo(snapshot.Path).Length / 1e6:N0} MB"),
                new("lake kpi_agent_daily on disk", agentDailyBytes / 1e6, "MB", "zstd Parquet"),
            ];
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static int OnFile(string snapshot, string month) => FileStores(snapshot, month).Count;

    /// <summary>The firm-wide page's two queries on one DuckDB file, through a view giving the lake's month column.</summary>
    private static List<FirmStore> FileStores(string snapshot, string month)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:;threads=2;memory_limit=1GiB");
        connection.Open();
        connection.Execute($"""
            attach '{snapshot.Replace("'", "''", StringComparison.Ordinal)}' as w (read_only);
            create view kpi_agent_daily as select *, strftime(business_day, '%Y-%m') as month from w.marts.kpi_agent_daily;
            """);
        return LakeReader.Firm(connection, month).Stores;
    }

    private static double Median(Func<int> run)
    {
        run(); // warm the page cache once, for both sides alike
        var seconds = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return seconds.Order().ElementAt(Runs / 2);
    }

    private static void Require(RecomputeReport report)
    {
        if (report.Failures.Count > 0)
        {
            throw new InvalidOperationException("checks failed: " + string.Join("; ", report.Failures));
        }
    }
}
