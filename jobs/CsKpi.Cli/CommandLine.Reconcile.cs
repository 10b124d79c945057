using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Reconciliation;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string ReconcileDetails = """
        For every row of a CS tool's report (赤兔, 千牛 …; core.fct_agent_report) whose store has chats on a day of the
        row's period and whose period lies within --from … --to: the report's value beside CsKpi's own over the same
        days (ratios as ratios of sums), the difference (CsKpi − report; rates in percentage points, other metrics
        also relative to the report) and whether it is within the tolerance of its format (marts.report_tolerance:
        counts and money ±2 % or ±1, rates ±2 points, seconds ±10 % or ±1 s, ratios ±2 % or ±0.01). Then, per
        metric, how many rows were compared and how many agree. A row whose report or CsKpi value is empty is listed
        and not judged. --json prints an object: warehouse, store, from, to, tolerances, totals and rows.
        """;

    private static Verb ReconcileVerb(TextWriter stdout, TextWriter stderr)
    {
        var store = Text("--store", "ID", "the store");
        var from = Day("--from", "first day the report rows may cover (yyyy-MM-dd)");
        var to = Day("--to", "last day the report rows may cover (yyyy-MM-dd)");
        var team = Text("--team", "NAME", "only this team");
        var agent = Text("--agent", "ID", "only this agent (CsKpi's agent id)");
        var metric = Text("--metric", "CODE", "only this metric (received_buyers, reply_rate …)");
        var outside = new Option<bool>("--outside") { Description = "list only the rows outside the tolerance (the totals count every row)" };
        var verb = new Verb("reconcile", "a CS tool's report against CsKpi's own numbers, per agent, period and metric, with tolerances",
            ReconcileDetails) { store, from, to, team, agent, metric, outside };
        Needs(verb, store, "reconcile needs --store ID, the store whose reports to reconcile");
        Needs(verb, from, "reconcile needs --from yyyy-MM-dd");
        Needs(verb, to, "reconcile needs --to yyyy-MM-dd");
        var (warehouse, json) = CommonOptions(verb);
        verb.SetAction(parse => Reconcile(verb,
            new ReconciliationFilter(parse.GetValue(store), parse.GetValue(from) ?? default, parse.GetValue(to) ?? default,
                parse.GetValue(team), parse.GetValue(agent), parse.GetValue(metric), parse.GetValue(outside)),
            parse.GetValue(warehouse), parse.GetValue(json), stdout, stderr));
        return verb;
    }

    private static int Reconcile(Verb verb, ReconciliationFilter filter, string? warehouseOption, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (Misordered(filter.From, filter.To) is { } problem)
        {
            return Usage(stderr, verb, problem);
        }

        var warehouseOptions = WarehouseOptions.FromEnvironment(warehouseOption);
        if (IsMissing(warehouseOptions, "reconcile", stderr))
        {
            return Failed;
        }

        string warehousePath;
        IReadOnlyList<ReconciliationRow> rows;
        IReadOnlyList<ReconciliationTotal> totals;
        IReadOnlyList<ReconciliationTolerance> tolerances;
        try
        {
            using var warehouse = WarehouseDatabase.Open(warehouseOptions);
            warehousePath = warehouse.CanonicalPath;
            using var connection = warehouse.OpenConnection();
            var stores = ReportReconciliation.Stores(connection);
            if (!stores.Contains(filter.Store!))
            {
                // A typo must not read as "nothing to reconcile".
                stderr.WriteLine($"cskpi reconcile: the warehouse has no store '{filter.Store}'; its stores: "
                    + (stores.Count == 0 ? "none (load the inbox first with cskpi ingest)" : string.Join(", ", stores)));
                return Failed;
            }

            rows = ReportReconciliation.Rows(connection, filter);
            totals = ReportReconciliation.Totals(connection, filter);
            tolerances = ReportReconciliation.Tolerances(connection);
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine($"cskpi reconcile stopped: {error.Message}");
            return Failed;
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                warehouse = warehousePath,
                store = filter.Store,
                from = filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to = filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                tolerances = tolerances.Select(t => new { format = t.Format, relative = t.Relative, absolute = t.Absolute }),
                totals = totals.Select(t => new { metric = t.Metric, rows = t.Rows, compared = t.Compared, agree = t.Agree, outside = t.Outside }),
                rows = rows.Select(r => new
                {
                    agentId = r.AgentId,
                    agentName = r.AgentName,
                    agentNick = r.AgentNick,
                    team = r.Team,
                    periodFrom = r.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    periodTo = r.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    days = r.Days,
                    chatDays = r.ChatDays,
                    metric = r.Metric,
                    format = r.Format,
                    report = r.ReportValue,
                    cskpi = r.CskpiValue,
                    difference = r.Difference,
                    relativeDifference = r.RelativeDifference,
                    tolerance = r.Tolerance,
                    withinTolerance = r.WithinTolerance,
                    fileId = r.FileId,
                    line = r.Line,
                }),
            }, JsonOutput));
            return Success;
        }

        if (totals.Count == 0)
        {
            stdout.WriteLine($"Nothing to reconcile in store {filter.Store} from {filter.From:yyyy-MM-dd} to {filter.To:yyyy-MM-dd}: "
                + "no report row of a metric CsKpi computes covers days on which the store has chats.");
            return Success;
        }

        var table = new TextTable(("agent", false), ("period", false), ("metric", false), ("report", true), ("cskpi", true),
            ("difference", true), ("agrees", false));
        foreach (var row in rows)
        {
            table.Add($"{row.AgentName} ({row.AgentId})",
                row.IsDay ? $"{row.PeriodFrom:yyyy-MM-dd}" : $"{row.PeriodFrom:yyyy-MM-dd}~{row.PeriodTo:yyyy-MM-dd} ({row.ChatDays}/{row.Days} days with chats)",
                row.Metric, Figure(row.Format, row.ReportValue), Figure(row.Format, row.CskpiValue), Difference(row),
                row.WithinTolerance switch { true => "yes", false => "NO", null => "-" });
        }

        table.Write(stdout);
        stdout.WriteLine();
        var summary = new TextTable(("metric", false), ("rows", true), ("compared", true), ("agree", true), ("outside", true), ("tolerance", false));
        foreach (var total in totals)
        {
            summary.Add(total.Metric, Count(total.Rows), Count(total.Compared), Count(total.Agree), Count(total.Outside),
                ToleranceText(tolerances.SingleOrDefault(t => t.Format == total.Format)));
        }

        summary.Write(stdout);
        return Success;
    }

    /// <summary>A value as its format reads: 70.0% for a rate, 27 for seconds, 1,234.50 for money.</summary>
    private static string Figure(string format, double? value) => value is not { } v ? "-" : format switch
    {
        "percent" => v.ToString("0.0%", CultureInfo.InvariantCulture),
        "money" => v.ToString("#,0.00", CultureInfo.InvariantCulture),
        "ratio" => v.ToString("0.###", CultureInfo.InvariantCulture),
        _ => v.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>A rate's difference in points (−3.3 pt); others in their unit and relative to the report (−2 (−7.4%)).</summary>
    private static string Difference(ReconciliationRow row)
    {
        if (row.Difference is not { } difference)
        {
            return "-";
        }

        if (row.Format == "percent")
        {
            return (difference * 100).ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture) + " pt";
        }

        if (difference == 0)
        {
            return "0";
        }

        // The third section: a difference that rounds to nothing prints 0, not "-+0".
        var text = difference.ToString(row.Format == "ratio" ? "+0.###;-0.###;0" : "+#,0.##;-#,0.##;0", CultureInfo.InvariantCulture);
        return row.RelativeDifference is { } relative ? $"{text} ({relative.ToString("+0.0%;-0.0%;0%", CultureInfo.InvariantCulture)})" : text;
    }

    private static string ToleranceText(ReconciliationTolerance? tolerance) => tolerance switch
    {
        null => "-",
        { Format: "percent", Absolute: { } points } => $"±{(points * 100).ToString("0.##", CultureInfo.InvariantCulture)} pt",
        { Relative: { } relative, Absolute: { } absolute } =>
            $"±{relative.ToString("0.##%", CultureInfo.InvariantCulture)} or ±{absolute.ToString("0.##", CultureInfo.InvariantCulture)}",
        { Relative: { } relative } => $"±{relative.ToString("0.##%", CultureInfo.InvariantCulture)}",
        { Absolute: { } absolute } => $"±{absolute.ToString("0.##", CultureInfo.InvariantCulture)}",
        _ => "-",
    };
}
