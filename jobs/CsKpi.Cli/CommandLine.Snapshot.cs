using System.CommandLine;
using System.Text.Json;
using CsKpi.Jobs;
using CsKpi.Jobs.Analyst;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string SnapshotDetails = """
        Copies the analyst-facing tables (the star schema core.* and the marts, with their comments and the period
        macros; not users, settings, the audit log or the raw loads) into a new file and moves it over
        analyst.duckdb beside the warehouse in one step. Any DuckDB client can open it read-only while the site
        runs; one holding the old file keeps reading it undisturbed. cskpi ingest and cskpi recompute write it
        already; this verb writes it now.
        """;

    private static Verb SnapshotVerb(TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var verb = new Verb("snapshot", "write the analyst snapshot now", SnapshotDetails);
        var (warehouse, json) = CommonOptions(verb);
        verb.SetAction(parse => Snapshot(parse.GetValue(warehouse), parse.GetValue(json), stdout, stderr, stop));
        return verb;
    }

    private static int Snapshot(string? warehouseOption, bool json, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        SnapshotReport report;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(warehouseOption));
            report = SnapshotJob.Run(warehouse, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Stopped("snapshot", stderr);
        }
        catch (WarehouseNotWritableException error)
        {
            stderr.WriteLine($"cskpi snapshot: {error.Message}");
            return Failed;
        }
        catch (WarehouseLockedException error)
        {
            stderr.WriteLine(error.Message);
            stderr.WriteLine("The site writes the analyst snapshot itself after every ingest that loads something.");
            return Failed;
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine($"cskpi snapshot stopped: {error.Message}");
            return Failed;
        }

        WriteSnapshotReport(report, json, stdout);
        return Success;
    }

    /// <summary>
    /// After a load or recompute that changed the marts and passed its checks, or when an earlier run's snapshot is
    /// still owed (killed before it was written): what analysts see follows.
    /// </summary>
    private static SnapshotReport? SnapshotAfter(WarehouseDatabase warehouse, RecomputeReport? recompute, CancellationToken stop,
        Action<string>? progress = null)
    {
        if (!SnapshotJob.IsOwed(warehouse, recompute))
        {
            return null;
        }

        progress?.Invoke(recompute is null ? "writing the analyst snapshot (owed)" : "writing the analyst snapshot");
        return SnapshotJob.Run(warehouse, stop);
    }

    private static void WriteSnapshotReport(SnapshotReport report, bool json, TextWriter stdout)
    {
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                path = report.Path,
                tables = report.Tables,
                rows = report.Rows,
                macros = report.Macros,
                skippedMacros = report.SkippedMacros,
                seconds = Math.Round(report.Elapsed.TotalSeconds, 2),
                lake = report.Lake is { } lake
                    ? new { root = lake.Root, storeMonths = lake.StoreMonths, partitions = lake.Partitions, rows = lake.Rows, seconds = Math.Round(lake.Elapsed.TotalSeconds, 2) }
                    : null,
            }, JsonOutput));
            return;
        }

        if (report.Lake is { } written)
        {
            stdout.WriteLine($"Parquet lake written: {written.Root} ({Plural(written.Partitions, "partition")} of {Plural(written.StoreMonths, "store-month")}, {Plural(written.Rows, "row")}) in {written.Elapsed.TotalSeconds:0.0} s");
        }

        stdout.WriteLine($"analyst snapshot written: {report.Path} ({Plural(report.Tables, "table")}, {Plural(report.Rows, "row")}) in {report.Elapsed.TotalSeconds:0.0} s");
    }
}
