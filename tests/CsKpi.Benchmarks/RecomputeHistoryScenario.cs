using System.Diagnostics;
using CsKpi.Etl;
using CsKpi.Seed;
using CsKpi.Warehouse;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// The daily path against the length of the history (issue 17, "Incremental"): a store of 35 agents (× scale) with 90
/// and then 360 days loaded and fully recomputed, then one more day loaded and recomputed incrementally. Targets: the
/// day after 360 days costs at most 1.5× the day after 90, and under 2 % of the full recompute of the 360 days (the
/// baseline of the same run). The load of the day (the ETL's dedupe) is reported beside the recompute.
/// </summary>
internal static class RecomputeHistoryScenario
{
    private static readonly DateOnly Start = new(2025, 3, 1);

    public static IReadOnlyList<Figure> Run(int scale)
    {
        var agents = 35 * scale;
        var short90 = OneMoreDay(agents, 90);
        var long360 = OneMoreDay(agents, 360);
        var shortDay = short90.DayRecompute;
        var longDay = long360.DayRecompute;
        return
        [
            new($"history of 90 days ({short90.Messages:N0} messages): full recompute", short90.Full, "s", "for scale"),
            new($"history of 360 days ({long360.Messages:N0} messages): full recompute", long360.Full, "s", "baseline of the 2 % target"),
            new("one more day after 90 days: load", short90.DayLoad, "s", $"{short90.DayRows:N0} rows (ETL)"),
            new("one more day after 360 days: load", long360.DayLoad, "s", $"{long360.DayLoad / short90.DayLoad:N2}× the load after 90 days (ETL)"),
            new("one more day after 90 days: recompute", shortDay, "s", $"slowest: {short90.Slowest}"),
            new("one more day after 360 days: recompute", longDay, "s", $"slowest: {long360.Slowest}"),
            new("recompute of the day: after 360 days ÷ after 90 days", longDay / shortDay, "×", "target: flat, within 1.5×", 1.5, HigherIsBetter: false),
            new("recompute of the day after 360 days ÷ full recompute of the 360 days", longDay / long360.Full * 100, "%", "target: under 2 %", 2, HigherIsBetter: false),
            new("load + recompute of the day after 360 days ÷ after 90 days", (long360.DayLoad + longDay) / (short90.DayLoad + shortDay), "×", "the whole daily path, ETL included"),
        ];
    }

    private sealed record History(long Messages, double Full, double DayLoad, long DayRows, double DayRecompute, string Slowest);

    private static History OneMoreDay(int agents, int days)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cskpi-bench-history-{days}-{Environment.ProcessId}");
        try
        {
            var history = Path.Combine(root, "inbox");
            var manifest = SeedRun.Run(new SeedOptions
            {
                OutputDirectory = history, Agents = agents, Days = days, Start = Start, Format = SeedFormat.Csv,
            });
            // The next day alone, facts only, as a daily export would be (the seed draws each store-day from its own
            // random stream, so it is the day the history would have continued with).
            var nextDay = Path.Combine(root, "next-day");
            SeedRun.Run(new SeedOptions
            {
                OutputDirectory = nextDay, Agents = agents, Days = 1, Start = Start.AddDays(days), Format = SeedFormat.Csv,
            });
            foreach (var reference in Directory.GetFiles(nextDay).Where(f => Path.GetFileName(f) is var n
                         && (n.StartsWith("agents", StringComparison.Ordinal) || n.StartsWith("courses", StringComparison.Ordinal) || n.StartsWith("training", StringComparison.Ordinal))))
            {
                File.Delete(reference);
            }

            foreach (var chats in Directory.GetFiles(nextDay, "chats*.csv", SearchOption.AllDirectories))
            {
                RenumberMessages(chats);
            }

            using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(root, "cskpi.duckdb")));
            new InboxLoader(warehouse, new EtlOptions { Inbox = history }).IngestInbox();
            var full = MartRecompute.Full(warehouse);
            Require(full);

            var statements = StatementLog.Start(warehouse, $"{days}-days");
            var load = Stopwatch.StartNew();
            var dayReports = new InboxLoader(warehouse, new EtlOptions { Inbox = nextDay }).IngestInbox();
            var dayLoad = load.Elapsed.TotalSeconds;
            statements?.Mark("recompute");
            var day = MartRecompute.Incremental(warehouse);
            Require(day);
            statements?.Write();
            var slowest = string.Join(", ", day.Steps.Where(s => s.Name != "checks").OrderByDescending(s => s.Elapsed).Take(3)
                .Select(s => $"{Path.GetFileNameWithoutExtension(s.Name)} {s.Elapsed.TotalSeconds:N2} s"));
            return new History(manifest.RowsOf("chats"), Seconds(full), dayLoad, dayReports.Sum(r => r.Loaded), Seconds(day), slowest);
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
    /// The seed numbers a month's messages from the month's first day on, so a second run for one day of a month the
    /// history already holds repeats the history's ids of that month: loaded, those were other messages under the same
    /// key (the checks fail), or, when the dedupe still read the whole history, the day's chats dropped as duplicates
    /// (the scenario then measured a day of orders only). The day's ids move past any the history's month can use
    /// (a month's counter stays far below it), so the day is new messages, as a real export's next day is.
    /// </summary>
    private static void RenumberMessages(string path)
    {
        const long Offset = 900_000_000;
        var lines = File.ReadAllLines(path);
        var quoted = false;
        for (var i = 1; i < lines.Length; i++)
        {
            // message_id is the file's first column; a line inside a quoted text that spans lines is not a record's start
            if (!quoted && lines[i].IndexOf(',') is > 0 and var comma && long.TryParse(lines[i].AsSpan(0, comma), out var id))
            {
                lines[i] = (id + Offset).ToString(System.Globalization.CultureInfo.InvariantCulture) + lines[i][comma..];
            }

            quoted ^= lines[i].Count(c => c == '"') % 2 == 1;
        }

        File.WriteAllLines(path, lines);
    }

    /// <summary>The recompute itself, without the checks that follow it.</summary>
    private static double Seconds(RecomputeReport report) =>
        report.Steps.Where(s => s.Name != "checks").Sum(s => s.Elapsed.TotalSeconds);

    private static void Require(RecomputeReport report)
    {
        if (report.Failures.Count > 0)
        {
            throw new InvalidOperationException("checks failed: " + string.Join("; ", report.Failures));
        }
    }
}
