using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string RecomputeDetails = """
        Rebuilds core (dimensions, receptions, questions, orders, credits) and the marts (kpi_agent_daily,
        kpi_team_daily, kpi_store_daily, scorecard_monthly) in one transaction, with the settings in force on each
        day, then runs the checks of sql/checks. cskpi ingest already recomputes the days its files touched; this
        verb is for a settings change made outside the site, or to rebuild everything.
        Exit 1 when a check fails (the numbers are kept, and the failures are printed).
        Work an earlier run owes (loads not yet recomputed, a missing analyst snapshot) is finished too, and said so;
        with --from/--to the owed days are recomputed first. SIGTERM or Ctrl+C rolls the recompute back.
        """;

    private static Verb RecomputeVerb(TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var from = Day("--from", "first business day to rebuild (yyyy-MM-dd); default: the first day of any data");
        var to = Day("--to", "last business day to rebuild; default: the last day of any data");
        var verb = new Verb("recompute",
            "rebuild the star schema and the marts for those business days (default: all), then run the checks", RecomputeDetails) { from, to };
        var (warehouse, json) = CommonOptions(verb);
        verb.SetAction(parse => Recompute(verb, parse.GetValue(from), parse.GetValue(to), parse.GetValue(warehouse), parse.GetValue(json),
            stdout, stderr, stop));
        return verb;
    }

    private static int Recompute(Verb verb, DateOnly? from, DateOnly? to, string? warehouseOption, bool json, TextWriter stdout,
        TextWriter stderr, CancellationToken stop)
    {
        if (Misordered(from, to) is { } problem)
        {
            return Usage(stderr, verb, problem);
        }

        RecomputeReport report;
        SnapshotReport? snapshot;
        OwedWork owed;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(warehouseOption));
            owed = OwedWork.Read(warehouse);
            if (owed.RecomputeOwed && (from is not null || to is not null))
            {
                // Some days only would leave the owed loads owed; every day consumes them in its own transaction.
                MartRecompute.Incremental(warehouse, stop);
            }

            report = MartRecompute.Full(warehouse, from, to, stop);
            snapshot = SnapshotAfter(warehouse, report, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Stopped("recompute", stderr);
        }
        catch (Exception error) when (TellsItsOwnRemedy(error, "recompute", stderr))
        {
            return Failed;
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine($"cskpi recompute stopped: {error.Message}");
            return Failed;
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                mode = report.Mode,
                storeDays = report.MartDays,
                seconds = Math.Round(report.Elapsed.TotalSeconds, 2),
                steps = report.Steps.Select(s => new { step = s.Name, seconds = Math.Round(s.Elapsed.TotalSeconds, 3) }),
                failures = report.Failures.Select(f => new { check = f.Check, guards = f.Guards, rows = f.Rows, examples = f.Examples }),
            }, JsonOutput));
        }
        else
        {
            if (owed.Any)
            {
                stdout.WriteLine($"owed by an earlier run: {owed.Describe()}; finished by this run");
            }

            var range = from is null && to is null ? "every day" : $"{from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the first day"} to {to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the last day"}";
            stdout.WriteLine($"recomputed {range}: {Plural(report.MartDays, "store-day")} in {report.Elapsed.TotalSeconds:0.0} s");
            foreach (var failure in report.Failures)
            {
                stdout.WriteLine($"CHECK FAILED {failure}");
            }

            stdout.WriteLine(report.Failures.Count == 0 ? "every check passed" : $"{Plural(report.Failures.Count, "check")} failed");
            if (snapshot is not null)
            {
                WriteSnapshotReport(snapshot, json: false, stdout);
            }
        }

        return report.Failures.Count == 0 ? Success : Failed;
    }
}
