using System.Diagnostics;
using CsKpi.Etl;
using CsKpi.Seed;
using CsKpi.Seed.Output;
using CsKpi.Warehouse;
using Dapper;
using DuckDB.NET.Data;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// The ETL's load of one month of chats (≈10 million messages at scale 1) compared in the same run with DuckDB's own
/// <c>create table t as select * from read_csv(…)</c> of the same file (target: within 2×), its peak memory (target:
/// under 4 GB), and the GBK detection and transcoding throughput of the month's orders export.
/// </summary>
internal static class IngestScenario
{
    /// <summary>
    /// DuckDB's memory_limit for the ingests (CSKPI_BENCH_MEMORY_LIMIT, default 2560MiB): under it DuckDB spills its temp
    /// tables and joins to the warehouse's temp_directory, so the process stays under the 4 GB target.
    /// </summary>
    private static readonly string MemoryLimit = Environment.GetEnvironmentVariable("CSKPI_BENCH_MEMORY_LIMIT") is { Length: > 0 } given ? given : "2560MiB";

    public static IReadOnlyList<Figure> Run(int scale)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cskpi-bench-ingest-{Environment.ProcessId}");
        try
        {
            var inbox = Path.Combine(root, "inbox");
            var manifest = SeedRun.Run(new SeedOptions
            {
                OutputDirectory = inbox, Agents = 1000 * scale, Days = 31, Start = new DateOnly(2026, 3, 1),
                Format = SeedFormat.Csv, GbkOrders = true,
            });
            var chats = manifest.Files.Single(f => f.Kind == "chats");
            var chatPath = Path.Combine(inbox, chats.Name);
            var chatMegabytes = new FileInfo(chatPath).Length / 1e6;

            var plain = PlainRead(Path.Combine(root, "plain.duckdb"), chatPath);
            var (gbkSeconds, gbkMegabytes) = Transcode(inbox, manifest, Path.Combine(root, "tmp"));

            Memory.ResetPeak();
            using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(root, "cskpi.duckdb")) { MemoryLimit = MemoryLimit });
            var loader = new InboxLoader(warehouse, new EtlOptions { Inbox = inbox });
            var clock = Stopwatch.StartNew();
            var reports = loader.IngestInbox();
            var total = clock.Elapsed.TotalSeconds;
            var peak = Memory.Peak() / 1e9;
            using var connection = warehouse.OpenConnection();
            var chatSeconds = connection.ExecuteScalar<double>(
                "select epoch(finished_at) - epoch(started_at) from etl.file_ledger where file_name = $name", new { name = chats.Name });
            var chatReport = reports.Single(r => r.File == chats.Name);
            // CSKPI_BENCH_PLATFORM=0 leaves out the Taobao inbox (it seeds and loads a second month: the run's other half).
            var (taobaoSeconds, taobaoOrders) = Environment.GetEnvironmentVariable("CSKPI_BENCH_PLATFORM") == "0"
                ? (double.NaN, 0L)
                : PlatformInbox(Path.Combine(root, "taobao"), scale);
            return
            [
                new($"plain read_csv of the chat file ({chats.Rows:N0} rows, {chatMegabytes:N0} MB)", plain, "s", "baseline: create table t as select * from read_csv(…)", HigherIsBetter: false),
                new("ingest of the chat file (stage, validate, dedupe, insert, ledger)", chatSeconds, "s",
                    $"{chatSeconds / plain:N2}× the plain read; {chatReport.Loaded:N0} loaded", plain * 2, HigherIsBetter: false),
                new("chat rows ingested per second", chats.Rows / chatSeconds, "rows/s", $"plain read: {chats.Rows / plain:N0} rows/s"),
                new($"whole inbox ({reports.Count} files, {manifest.Files.Sum(f => f.Rows):N0} rows)", total, "s", "seeded month with orders, ratings, roster, training"),
                new("peak memory during the ingest", peak * 1000, "MB", $"whole process, DuckDB included (memory_limit {MemoryLimit})", 4000, HigherIsBetter: false),
                new($"whole inbox as a store has it (Taobao ExportOrderList GBK, HR .xlsx; {taobaoOrders:N0} orders)", taobaoSeconds, "s",
                    $"{taobaoSeconds / total:N2}× the contract inbox above: the same month through the layouts and the workbook reader", HigherIsBetter: false),
                new($"GBK detect + transcode ({gbkMegabytes:N0} MB of orders)", gbkMegabytes / gbkSeconds, "MB/s", "FilePreparer on the GBK orders export"),
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

    /// <summary>The same month seeded as a Taobao store's files and loaded whole: the real-export path end to end.</summary>
    private static (double Seconds, long Orders) PlatformInbox(string root, int scale)
    {
        var inbox = Path.Combine(root, "inbox");
        SeedRun.Run(new SeedOptions
        {
            OutputDirectory = inbox, Agents = 1000 * scale, Days = 31, Start = new DateOnly(2026, 3, 1),
            Format = SeedFormat.Csv, Layout = CsKpi.Seed.Layouts.Layout.Taobao,
        });
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(root, "cskpi.duckdb")) { MemoryLimit = MemoryLimit });
        var clock = Stopwatch.StartNew();
        var reports = new InboxLoader(warehouse, new EtlOptions { Inbox = inbox }).IngestInbox();
        var seconds = clock.Elapsed.TotalSeconds;
        var orders = reports.Single(r => r.Layout == "taobao-orders");
        if (reports.Any(r => r.Outcome != FileOutcome.Loaded || r.Rejected > 0))
        {
            throw new InvalidOperationException("the Taobao inbox did not load whole: " + string.Join("; ", reports.Select(r => $"{r.File} {r.Outcome} {r.Rejected} {r.Reason}")));
        }

        return (seconds, orders.Loaded);
    }

    private static double PlainRead(string database, string csv)
    {
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        var clock = Stopwatch.StartNew();
        connection.Execute($"create table t as select * from read_csv('{csv}', delim=',', quote='\"', escape='\"', header=true)");
        return clock.Elapsed.TotalSeconds;
    }

    private static (double Seconds, double Megabytes) Transcode(string inbox, SeedManifest manifest, string temp)
    {
        var orders = manifest.Files.First(f => f.Kind == "orders");
        var path = Path.Combine(inbox, orders.Name);
        var file = (ContractFile)DataContract.Classify(inbox, path);
        var clock = Stopwatch.StartNew();
        using (var prepared = FilePreparer.Prepare(path, file, temp))
        {
            if (!prepared.Transcoded)
            {
                throw new InvalidOperationException($"{orders.Name} was expected to be GBK and transcoded, but was read as {prepared.Encoding}");
            }
        }

        return (clock.Elapsed.TotalSeconds, new FileInfo(path).Length / 1e6);
    }
}
