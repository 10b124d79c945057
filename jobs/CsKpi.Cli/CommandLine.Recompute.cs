using System.Globalization;
using System.Text.Json;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string FromOption = "--from";
    private const string ToOption = "--to";

    private const string RecomputeDetails = """
        options:
          --from DATE        first business day to rebuild (yyyy-MM-dd); default: the first day of any data
          --to DATE          last business day to rebuild; default: the last day of any data

        Rebuilds core (dimensions, receptions, questions, orders, credits) and the marts (kpi_agent_daily,
        kpi_team_daily, kpi_store_daily, scorecard_monthly) in one transaction, with the settings in force on each
        day, then runs the checks of sql/checks. cskpi ingest already recomputes the days its files touched; this
        verb is for a settings change made outside the site, or to rebuild everything.
        Exit 1 when a check fails (the numbers are kept, and the failures are printed).
        Work an earlier run owes (loads not yet recomputed, a missing analyst snapshot) is finished too, and said so;
        with --from/--to the owed days are recomputed first. SIGTERM or Ctrl+C rolls the recompute back.
        """;

    private static int Recompute(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        if (!VerbArguments.TryParse("recompute", args, [JsonOption], [FromOption, ToOption, WarehouseOption], out var options, out var problem))
        {
            return Usage(stderr, problem);
        }

        if (!TryParseDays(options, out var from, out var to, out var dayProblem))
        {
            return Usage(stderr, dayProblem);
        }

        RecomputeReport report;
        SnapshotReport? snapshot;
        OwedWork owed;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(options.Value(WarehouseOption)));
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

        if (options.Has(JsonOption))
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

    /// <summary>--from and --to as business days (either may be absent); false, with what is wrong, when one is no
    /// date or they are the wrong way round.</summary>
    private static bool TryParseDays(VerbArguments options, out DateOnly? from, out DateOnly? to, out string problem)
    {
        from = to = null;
        problem = "";
        foreach (var option in new[] { FromOption, ToOption })
        {
            if (options.Value(option) is not { } text)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                problem = $"{option} '{text}' is not a date; expected yyyy-MM-dd, e.g. 2026-03-01";
                return false;
            }

            if (option == FromOption)
            {
                from = day;
            }
            else
            {
                to = day;
            }
        }

        if (from > to)
        {
            problem = $"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}";
            return false;
        }

        return true;
    }
}
