using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsKpi.Jobs;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Career;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string ReviewDetails = """
        Recomputes what was loaded since the last recompute, then reviews the half as career.md says: one proposal per
        agent on the roster at the half's end (promote, coefficient up, down or unchanged, and a warning), each with
        its criteria: the agent's value, the threshold, met or not. A rerun refreshes the pending proposals of the half
        and leaves those HR decided alone. The half must have ended. --json prints an object: warehouse, half, pending,
        decided and the proposals array, each with its criteria.
        """;

    private static Verb ReviewVerb(TextWriter stdout, TextWriter stderr)
    {
        var half = Valued<HalfYear?>("--half", "HALF",
            "the half to review: the year and H1 (January–June) or H2 (July–December), e.g. 2026H1",
            (string text, out HalfYear? value, out string problem) =>
            {
                var ok = HalfYear.TryParse(text, out var parsed, out problem);
                value = ok ? parsed : null;
                return ok;
            });
        var verb = new Verb("review", "run the half-yearly promotion review; prints the proposals", ReviewDetails) { half };
        Needs(verb, half, "review needs --half, e.g. --half 2026H1");
        var (warehouse, json) = CommonOptions(verb);
        verb.SetAction(parse => Review(verb, parse.GetValue(half)!.Value, parse.GetValue(warehouse), parse.GetValue(json), stdout, stderr));
        return verb;
    }

    private static int Review(Verb verb, HalfYear half, string? warehouseOption, bool json, TextWriter stdout, TextWriter stderr)
    {
        var today = HalfYear.Today();
        if (!half.HasEndedBy(today))
        {
            return Usage(stderr, verb, $"--half {half} has not ended yet (it runs {half.Start:yyyy-MM-dd} to {half.End:yyyy-MM-dd}); "
                + $"its review can run from {half.DayAfter:yyyy-MM-dd}. The last half that ended is {HalfYear.LastEndedBefore(today)}.");
        }

        var warehouseOptions = WarehouseOptions.FromEnvironment(warehouseOption);
        if (!warehouseOptions.IsInMemory && !File.Exists(warehouseOptions.Path))
        {
            stderr.WriteLine($"cskpi review: there is no warehouse at {Path.GetFullPath(warehouseOptions.Path)}; "
                + "pass --warehouse PATH (or set CSKPI_WAREHOUSE), or load the inbox first with cskpi ingest.");
            return Failed;
        }

        HalfReviewResult result;
        string warehousePath;
        try
        {
            using var warehouse = WarehouseDatabase.Open(warehouseOptions);
            warehousePath = warehouse.CanonicalPath;
            result = HalfReviewJob.Run(warehouse, half, today);
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine($"cskpi review stopped: {error.Message}");
            return Failed;
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                warehouse = warehousePath,
                half = result.Half.ToString(),
                pending = result.Pending,
                decided = result.Decided,
                proposals = result.Proposals,
            }, JsonOutput));
            return Success;
        }

        stdout.WriteLine($"review {result.Half}: {Plural(result.Proposals.Count, "proposal")} ({result.Pending} pending, {result.Decided} decided)");
        if (result.Proposals.Count == 0)
        {
            stdout.WriteLine("no agent was on the roster at the half's end");
            return Success;
        }

        var table = new TextTable(("agent", false), ("name", false), ("team", false), ("avg", true), ("min", true), ("months", true),
            ("level", false), ("coefficient", false), ("proposal", false), ("warning", false), ("status", false));
        foreach (var p in result.Proposals)
        {
            table.Add(p.AgentId, p.AgentName, p.Team, Score(p.AvgScore), Score(p.MinScore), p.ScoredMonths.ToString(CultureInfo.InvariantCulture),
                p.Level == p.ProposedLevel ? p.Level : $"{p.Level} → {p.ProposedLevel}",
                p.Coefficient == p.ProposedCoefficient ? Coefficient(p.Coefficient) : $"{Coefficient(p.Coefficient)} → {Coefficient(p.ProposedCoefficient)}",
                p.Action, p.IsWarning ? "降级预警" : "", p.Status);
        }

        table.Write(stdout);
        foreach (var p in result.Proposals)
        {
            stdout.WriteLine();
            stdout.WriteLine($"{p.AgentId} {p.AgentName} — {p.Summary}");
            foreach (var c in p.Criteria)
            {
                var numbers = c.Value is null && c.Threshold is null ? "" : $": {Score(c.Value)} (threshold {Score(c.Threshold)})";
                var note = c.Note is { Length: > 0 } text ? $" — {text}" : "";
                stdout.WriteLine($"  {(c.Passed ? "met    " : "not met")}  {c.Criterion}  {c.Rule}{numbers}{note}");
            }
        }

        return Success;
    }

    private static string Score(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    private static string Coefficient(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
