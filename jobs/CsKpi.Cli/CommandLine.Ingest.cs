using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    /// <summary>Where <c>cskpi ingest</c> looks when not told: relative to the current folder, like the warehouse.</summary>
    public const string DefaultInbox = "data/inbox";

    private const string IngestDetails = """
        Each file is loaded once, keyed by its content: its rows, its rejected rows and its ledger entry commit
        together, so a file is either wholly loaded or not at all. Prints one line per file new to the warehouse:
          file, kind, layout, outcome (loaded | rejected | skipped), read, loaded, duplicates, rejected, and why a
          file was rejected or skipped, or what to know of it (orders that cannot be credited, item rows merged into
          orders, where its store came from). read = loaded + duplicates + rejected.
        then one line with how many files an earlier run loaded already (not read again), the totals, how many
        business days the new rows touched, and the store-days recomputed: those days and the days the rules carry
        them to (a roster reaches every later day), or every day of every store on the first recompute.
        Rejected rows: cskpi rejects. --json prints every file (already_loaded ones too) as a JSON array instead.

        Rejected rows or files are reported, not a failure: the exit code is 0 when the inbox was read.
        Work an earlier run owes (it was killed after its files committed) is finished first and said so: the marts
        are recomputed for every loaded file they have not seen, and a missing analyst snapshot is written.
        SIGTERM or Ctrl+C stops at a safe point (before the next file, or rolling the recompute back); run it again.
        """;

    private static Verb IngestVerb(TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var inbox = Text("--inbox", "DIR", "the folder of exported files, relative to the current folder; files of the six kinds are "
            + "found by name prefix (chats_2026-01.csv), sub-folder (chats/) or header (a Taobao ExportOrderList…, a JD, Pinduoduo "
            + "or Douyin export: docs/imports.md)");
        inbox.DefaultValueFactory = _ => DefaultInbox;
        var store = Text("--store", "NAME", "the store of files that name none: no store column (店铺, 店铺名称, 店铺Id) and not in an "
            + "inbox sub-folder named after the store (inbox/京东旗舰店/…)");
        var progress = new Option<bool>("--progress")
        {
            Description = "print each stage on stderr as it starts (owed work, loading, recomputing, the snapshot)",
        };
        var verb = new Verb("ingest",
            "load every new file of the inbox; prints per file its kind, outcome and counts, and the business days it touched",
            IngestDetails) { inbox, store, progress };
        var (warehouse, json) = CommonOptions(verb);
        verb.SetAction(parse => Ingest(parse.GetValue(inbox)!, parse.GetValue(store), parse.GetValue(progress), parse.GetValue(warehouse),
            parse.GetValue(json), stdout, stderr, stop));
        return verb;
    }

    private static int Ingest(string inbox, string? store, bool showProgress, string? warehouseOption, bool json,
        TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var inboxProblem = Directory.Exists(inbox) ? null
            : File.Exists(inbox) ? $"the inbox {Path.GetFullPath(inbox)} is a file, not a folder; pass the folder that holds the exported files with --inbox DIR."
            : $"the inbox {Path.GetFullPath(inbox)} does not exist; create it and put the exported files in it, or pass --inbox DIR.";
        if (inboxProblem is not null)
        {
            // Checked before the warehouse is opened, so a mistyped folder creates no warehouse file either.
            stderr.WriteLine($"cskpi ingest: {inboxProblem} Nothing was loaded.");
            return Failed;
        }

        IngestResult result;
        SnapshotReport? snapshot;
        string warehousePath;
        Action<string>? progress = showProgress ? stage => { stderr.WriteLine($"cskpi ingest: {stage}"); stderr.Flush(); } : null;
        try
        {
            progress?.Invoke("opening the warehouse");
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(warehouseOption));
            warehousePath = warehouse.CanonicalPath;
            result = IngestJob.Run(warehouse, new EtlOptions { Inbox = inbox, Store = store }, stop, progress);
            snapshot = SnapshotAfter(warehouse, result.Recompute, stop, progress);
            progress?.Invoke("done");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Stopped("ingest", stderr);
        }
        catch (Exception error) when (TellsItsOwnRemedy(error, "ingest", stderr))
        {
            return Failed;
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine($"cskpi ingest stopped: {error.Message}");
            stderr.WriteLine("Files loaded before this one stay loaded (each file is all or nothing), and the recompute they owe is kept "
                + "as owed; run cskpi ingest again to load the rest and finish it.");
            return Failed;
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(result.Files.Select(f => new
            {
                file = f.Report.File,
                kind = f.Report.Kind,
                layout = f.Report.Layout,
                outcome = f.Report.Outcome,
                read = f.Report.Read,
                loaded = f.Report.Loaded,
                duplicates = f.Report.Duplicates,
                rejected = f.Report.Rejected,
                reason = f.Report.Reason,
                note = f.Report.Note,
                extraColumns = f.Report.ExtraColumns ?? [],
                touchedDays = f.TouchedDays,
            }), JsonOutput));
            return Success;
        }

        WriteIngestTable(result, Path.GetFullPath(inbox), warehousePath, stdout);
        if (result.Owed is { Any: true } owed)
        {
            stdout.WriteLine($"owed by an earlier run: {owed.Describe()}; finished by this run");
        }

        if (snapshot is not null)
        {
            WriteSnapshotReport(snapshot, json: false, stdout);
        }

        return Success;
    }

    private static void WriteIngestTable(IngestResult result, string inbox, string warehouse, TextWriter stdout)
    {
        var files = result.Files.Select(f => f.Report).ToList();
        if (files.Count == 0)
        {
            stdout.WriteLine($"The inbox {inbox} holds no files; nothing was loaded into {warehouse}.");
            return;
        }

        // A file loaded by an earlier run is not read again: a count, not a line each (an inbox keeps every month's files).
        var shown = files.Where(f => f.Outcome != FileOutcome.AlreadyLoaded).ToList();
        if (shown.Count > 0)
        {
            var table = new TextTable(("file", false), ("kind", false), ("layout", false), ("outcome", false), ("read", true), ("loaded", true),
                ("duplicates", true), ("rejected", true), ("reason", false));
            foreach (var file in shown)
            {
                table.Add(file.File, file.Kind, file.Layout ?? "-", file.Outcome, Count(file.Read), Count(file.Loaded), Count(file.Duplicates),
                    Count(file.Rejected), Note(file));
            }

            table.Write(stdout);
            stdout.WriteLine();
        }

        if (files.Count - shown.Count is var earlier and > 0)
        {
            stdout.WriteLine($"{Plural(earlier, "file")} already loaded by an earlier run (same content); nothing was read from them");
        }

        int Outcomes(string outcome) => files.Count(f => f.Outcome == outcome);
        stdout.WriteLine($"{Plural(files.Count, "file")}: {Outcomes(FileOutcome.Loaded)} loaded, {Outcomes(FileOutcome.Rejected)} rejected, "
            + $"{Outcomes(FileOutcome.AlreadyLoaded)} already loaded, {Outcomes(FileOutcome.Skipped)} skipped");
        stdout.WriteLine($"rows: {Count(files.Sum(f => f.Read))} read = {Count(files.Sum(f => f.Loaded))} loaded + "
            + $"{Count(files.Sum(f => f.Duplicates))} duplicates + {Count(files.Sum(f => f.Rejected))} rejected");

        var touched = result.Touched;
        stdout.WriteLine(touched.StoreDays == 0
            ? "business days touched: none"
            : $"business days touched: {touched.Days} ({(touched.First == touched.Last ? touched.First : $"{touched.First} to {touched.Last}")}, "
                + $"{Plural(touched.Stores, "store")})");
        if (result.Recompute is { } recompute)
        {
            stdout.WriteLine($"marts recomputed ({recompute.Mode}): {Plural(recompute.MartDays, "store-day")}{RecomputeScope(recompute, touched)} "
                + $"in {recompute.Elapsed.TotalSeconds:0.0} s; "
                + (recompute.Failures.Count == 0 ? "every check passed"
                    : $"{Plural(recompute.Failures.Count, "check")} FAILED: {string.Join("; ", recompute.Failures)}"));
        }

        var withRejects = files.Where(f => f.Rejected > 0).ToList();
        if (withRejects.Count > 0)
        {
            var example = withRejects[0].File;
            stdout.WriteLine($"rejected rows: cskpi rejects{(withRejects.Count == 1 ? "" : " [--file NAME]")} lists them, e.g. cskpi rejects --file {Argument(example)}");
        }
    }

    /// <summary>
    /// What the recompute's store-days are: a full one rebuilds every day of every store; an incremental one the
    /// store-days the load touched and the days its rules carry them to (a roster reaches every later day, an order
    /// the receptions before it), so the count can be far more than the days touched.
    /// </summary>
    private static string RecomputeScope(RecomputeReport recompute, TouchedDaySummary touched) =>
        recompute.Mode == "full" ? ", every day of every store,"
        : recompute.MartDays == 0 ? ""
        : touched.StoreDays == 0 ? ": the days an earlier run's loads touched and the days their rules reach from them,"
        : $": the {Plural(touched.StoreDays, "store-day")} this load touched and the days its rules reach from them,";

    /// <summary>The reason column: why a file was not loaded, what to know of it, and what of it was ignored.</summary>
    private static string Note(FileLoadReport file)
    {
        var extra = file.ExtraColumns is { Count: > 0 } columns ? $"extra columns ignored: {string.Join(", ", columns)}" : null;
        return string.Join("; ", new[] { file.Reason, file.Note, extra }.Where(part => part is not null));
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>A file name as a shell would need it typed.</summary>
    private static string Argument(string value) =>
        value.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '/') ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
