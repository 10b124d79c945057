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

    /// <summary>
    /// <c>lake-read LAKE MONTH SNAPSHOT...</c>: the firm-wide month read at the scale of real shards — the lake that
    /// tests/CsKpi.Benchmarks/shards.sh kept (CSKPI_BENCH_KEEP, CSKPI_BENCH_LAKE=1) against the same two queries on one
    /// DuckDB file holding every store: the shards' analyst snapshots merged table by table (what the snapshot of one
    /// warehouse holding all those stores would hold; built first, not timed). Median of five after one warm-up each,
    /// same engine settings as <see cref="Run"/>; fails if the two give different stores or sales.
    /// </summary>
    public static IReadOnlyList<Figure> ReadAtScale(string lake, string month, IReadOnlyList<string> snapshots)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cskpi-bench-lake-read-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        try
        {
            var merged = Path.Combine(root, "one-file.duckdb");
            var clock = Stopwatch.StartNew();
            var tables = Merge(snapshots, merged);
            var mergeSeconds = clock.Elapsed.TotalSeconds;

            var lakeSeconds = Median(() => LakeReader.Month(lake, month)!.Stores.Count);
            var fileSeconds = Median(() => OnFile(merged, month));
            var fromLake = LakeReader.Month(lake, month)!;
            var fromFile = FileStores(merged, month);
            if (fromLake.Month != month || fromLake.Stores.Count != fromFile.Count
                || fromLake.Stores.Zip(fromFile).Any(p => p.First.StoreId != p.Second.StoreId || Math.Abs(p.First.SalesAmount - p.Second.SalesAmount) > 0.005))
            {
                throw new InvalidOperationException("the lake and the warehouse file give different firm-wide months");
            }

            var agentDaily = Directory.GetFiles(Path.Combine(lake, "kpi_agent_daily"), "*.parquet", SearchOption.AllDirectories);
            var lakeBytes = Directory.GetFiles(lake, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            long agentDailyRows;
            using (var connection = LakeReader.Open(lake))
            {
                agentDailyRows = connection.ExecuteScalar<long>("select count(*) from kpi_agent_daily where month = $month", new { month });
            }

            return
            [
                new($"firm-wide month {month} on the lake ({fromLake.Stores.Count} stores, {fromLake.Stores.Sum(s => s.Agents):N0} agents, {agentDailyRows:N0} agent-days; stores + top 50 agents)",
                    lakeSeconds * 1000, "ms", $"median of {Runs}, fresh engine each"),
                new($"the same on one DuckDB file ({snapshots.Count} snapshots merged, {tables} tables)", fileSeconds * 1000, "ms",
                    $"median of {Runs}; lake ÷ file = {lakeSeconds / fileSeconds:N2}×"),
                new("lake on disk (all tables)", lakeBytes / 1e6, "MB", $"one file {new FileInfo(merged).Length / 1e6:N0} MB (built in {mergeSeconds:N0} s, not timed)"),
                new("lake kpi_agent_daily on disk", agentDaily.Sum(f => new FileInfo(f).Length) / 1e6, "MB", $"{agentDaily.Length} Parquet files"),
            ];
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Every table of every snapshot into one new file, the stores' rows of a table in one table.</summary>
    private static int Merge(IReadOnlyList<string> snapshots, string merged)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:;threads=2;memory_limit=1GiB");
        connection.Open();
        var names = snapshots.Select((_, i) => $"s{i}").ToList();
        connection.Execute(string.Concat(snapshots.Select((path, i) => $"attach '{path.Replace("'", "''", StringComparison.Ordinal)}' as {names[i]} (read_only);\n"))
            + $"attach '{merged.Replace("'", "''", StringComparison.Ordinal)}' as m;");
        var tables = connection.Query<(string Schema, string Table)>(
            "select schema_name, table_name from duckdb_tables() where database_name = 's0' order by all").ToList();
        foreach (var (schema, table) in tables)
        {
            var union = string.Join(" union all by name ", names.Select(n => $"select * from {n}.\"{schema}\".\"{table}\""));
            connection.Execute($"create schema if not exists m.\"{schema}\"; create table m.\"{schema}\".\"{table}\" as {union};");
        }

        connection.Execute("detach m");
        return tables.Count;
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
