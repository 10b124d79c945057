using System.Diagnostics;
using System.Globalization;
using CsKpi.Etl;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// The daily path against the length of the history (issue 17, "Incremental"): a store of 35 agents (× scale) with 90
/// and 360 days loaded and fully recomputed, then one more day loaded and recomputed incrementally, on a copy of each
/// history, in turns: 90, 360, 90, 360 (CSKPI_BENCH_HISTORY_ROUNDS, default 2), so that a change of the machine's load
/// shows between the rounds instead of being read as growth. Targets: the day after 360 days costs at most 1.5× the
/// day after 90, and under 2 % of the full recompute of the 360 days (the baseline of the same run). The day is its
/// load, its recompute and the recompute's checks (what a user waits for; figures without the checks are given too).
/// Each round also runs the floor: the same day cut to one row per file, whose cost is the daily path's fixed cost.
/// Every figure
/// carries the one-minute load average read as it ended. CSKPI_BENCH_HISTORY_DIR=DIR keeps the two prepared histories
/// in DIR and reuses them on the next run (their full recompute is then the one measured when they were prepared).
/// </summary>
internal static class RecomputeHistoryScenario
{
    private static readonly DateOnly Start = new(2025, 3, 1);

    public static IReadOnlyList<Figure> Run(int scale)
    {
        var agents = 35 * scale;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CSKPI_BENCH_HISTORY_ROUNDS"), out var r) && r > 0 ? r : 2;
        var kept = Environment.GetEnvironmentVariable("CSKPI_BENCH_HISTORY_DIR");
        var folder = string.IsNullOrEmpty(kept) ? Path.Combine(Path.GetTempPath(), $"cskpi-bench-history-{Environment.ProcessId}") : kept;
        try
        {
            var short90 = Prepare(Path.Combine(folder, $"{agents}-agents-90-days"), agents, 90);
            var long360 = Prepare(Path.Combine(folder, $"{agents}-agents-360-days"), agents, 360);
            var figures = new List<Figure>
            {
                new($"history of 90 days ({short90.Messages:N0} messages): full recompute", short90.Full, "s", $"for scale; load {short90.Load}"),
                new($"history of 360 days ({long360.Messages:N0} messages): full recompute", long360.Full, "s", $"baseline of the 2 % target; load {long360.Load}"),
            };
            var pairs = new List<(Day Short, Day Long, Day FloorShort, Day FloorLong)>();
            for (var round = 1; round <= rounds; round++)
            {
                var shortDay = OneMoreDay(short90, short90.NextDay, $"90-days-{round}");
                var longDay = OneMoreDay(long360, long360.NextDay, $"360-days-{round}");
                var floorShort = OneMoreDay(short90, short90.Floor, $"90-days-floor-{round}");
                var floorLong = OneMoreDay(long360, long360.Floor, $"360-days-floor-{round}");
                pairs.Add((shortDay, longDay, floorShort, floorLong));
                figures.Add(new($"round {round}: one more day after 90 days: load + recompute + checks", shortDay.Total, "s", Detail(shortDay)));
                figures.Add(new($"round {round}: one more day after 360 days: load + recompute + checks", longDay.Total, "s", Detail(longDay)));
                figures.Add(new($"round {round}: the day with its checks: after 360 days ÷ after 90 days", longDay.Total / shortDay.Total, "×",
                    "target: flat, within 1.5×", 1.5, HigherIsBetter: false));
                figures.Add(new($"round {round}: the day without its checks: after 360 days ÷ after 90 days", longDay.WithoutChecks / shortDay.WithoutChecks, "×",
                    "load + recompute, as rounds before r22 reported it"));
                figures.Add(new($"round {round}: the day with its checks after 360 days ÷ full recompute of the 360 days",
                    longDay.Total / long360.Full * 100, "%", "target: under 2 %", 2, HigherIsBetter: false));
                figures.Add(new($"round {round}: the day with its checks and the checkpoint it left owed after 360 days ÷ full recompute",
                    longDay.WithCheckpoint / long360.Full * 100, "%", "what the day costs wherever DuckDB runs its checkpoint"));
                figures.Add(new($"round {round}: the day without its checks after 360 days ÷ full recompute of the 360 days",
                    longDay.WithoutChecks / long360.Full * 100, "%", "load + recompute, as rounds before r22 reported it"));
                figures.Add(new($"round {round}: floor (a day of one row per file) after 90 days: load + recompute + checks", floorShort.Total, "s", Detail(floorShort)));
                figures.Add(new($"round {round}: floor (a day of one row per file) after 360 days: load + recompute + checks", floorLong.Total, "s", Detail(floorLong)));
                figures.Add(new($"round {round}: floor after 360 days ÷ full recompute of the 360 days", floorLong.Total / long360.Full * 100, "%",
                    "the daily path's fixed cost against the 2 % target"));
            }

            // the median round's pair: one figure per target that a single disturbed round does not decide
            figures.Add(new($"median of {rounds} rounds: the day with its checks after 360 ÷ after 90",
                Median(pairs.Select(p => p.Long.Total / p.Short.Total)), "×", "target: flat, within 1.5×", 1.5, HigherIsBetter: false));
            figures.Add(new($"median of {rounds} rounds: the day with its checks after 360 days ÷ full recompute",
                Median(pairs.Select(p => p.Long.Total / long360.Full * 100)), "%", "target: under 2 %", 2, HigherIsBetter: false));
            figures.Add(new($"median of {rounds} rounds: the day with its checks and the checkpoint it left owed ÷ full recompute",
                Median(pairs.Select(p => p.Long.WithCheckpoint / long360.Full * 100)), "%", "the checkpoint wherever it runs"));
            figures.Add(new($"median of {rounds} rounds: the day without its checks after 360 days ÷ full recompute",
                Median(pairs.Select(p => p.Long.WithoutChecks / long360.Full * 100)), "%", "load + recompute only"));
            figures.Add(new($"median of {rounds} rounds: floor after 360 days ÷ full recompute",
                Median(pairs.Select(p => p.FloorLong.Total / long360.Full * 100)), "%", "the fixed cost alone"));
            return figures;
        }
        finally
        {
            if (string.IsNullOrEmpty(kept) && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Detail(Day day) =>
        $"load {day.Load:N2} s ({day.Rows:N0} rows) + recompute {day.Recompute:N2} s + checks {day.Checks:N2} s (+ checkpoint left owed {day.Owed:N2} s); load avg {day.LoadAverage}; slowest: {day.Slowest}";

    /// <summary>A history loaded and fully recomputed, with the next day's files beside it and that day's floor.</summary>
    private sealed record History(string Root, long Messages, double Full, string Load)
    {
        public string NextDay => Path.Combine(Root, "next-day");

        /// <summary>The next day cut to one row per file (<see cref="Benchmarks.NextDay.Floor"/>), made on first use.</summary>
        public string Floor => Benchmarks.NextDay.Floor(NextDay, Path.Combine(Root, "next-day-floor"));
    }

    /// <summary>One more day: its load, its recompute and the recompute's checks (which the user waits for too).</summary>
    /// <param name="Owed">The checkpoint of what the day left in the WAL, timed after it (0 when its own commit ran one).</param>
    private sealed record Day(double Load, long Rows, double Recompute, double Checks, double Owed, string Slowest, string LoadAverage)
    {
        /// <summary>The day with the checkpoint it left owed: DuckDB runs it in whichever commit passes checkpoint_threshold
        /// (16 MB of WAL), so a day whose WAL stays under it hands its checkpoint to the next one.</summary>
        public double WithCheckpoint => Total + Owed;

        public double WithoutChecks => Load + Recompute;

        public double Total => Load + Recompute + Checks;
    }

    private static History Prepare(string root, int agents, int days)
    {
        var done = Path.Combine(root, "prepared.txt");
        if (File.Exists(done))
        {
            var saved = File.ReadAllLines(done);
            Console.WriteLine($"reusing the {days}-day history of {root} (prepared {saved[3]})");
            return new History(root, long.Parse(saved[0], CultureInfo.InvariantCulture), double.Parse(saved[1], CultureInfo.InvariantCulture), saved[2]);
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var history = Path.Combine(root, "inbox");
        var manifest = SeedRun.Run(new SeedOptions
        {
            OutputDirectory = history, Agents = agents, Days = days, Start = Start, Format = SeedFormat.Csv,
        });
        // The next day alone, facts only, as a daily export would be.
        var nextDay = NextDay.Seed(Path.Combine(root, "next-day"), agents, Start.AddDays(days));

        double full;
        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(root, "cskpi.duckdb"))))
        {
            new InboxLoader(warehouse, new EtlOptions { Inbox = history }).IngestInbox();
            var report = MartRecompute.Full(warehouse);
            Require(report);
            full = Seconds(report);
            using var connection = warehouse.OpenConnection();
            connection.Execute("checkpoint");
        }

        var load = LoadAverage();
        Console.WriteLine($"{days} days: full recompute {full:N2} s, load {load}");
        File.WriteAllLines(done, [manifest.RowsOf("chats").ToString(CultureInfo.InvariantCulture), full.ToString("R", CultureInfo.InvariantCulture), load, DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)]);
        return new History(root, manifest.RowsOf("chats"), full, load);
    }

    /// <summary>The next day loaded and recomputed on a copy of the history, which stays as it was for the next round.</summary>
    private static Day OneMoreDay(History history, string inbox, string name)
    {
        var copy = Path.Combine(history.Root, "day.duckdb");
        File.Copy(Path.Combine(history.Root, "cskpi.duckdb"), copy, overwrite: true);
        File.Delete(copy + ".wal");
        try
        {
            using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(copy));
            var statements = StatementLog.Start(warehouse, name);
            // CPU seconds of this process (DuckDB runs in it) beside the wall clock: on a shared machine whose load moves
            // several times within minutes, the CPU a step takes moves far less than its wall time
            var cpu = System.Diagnostics.Process.GetCurrentProcess();
            var cpuStart = cpu.TotalProcessorTime;
            var load = Stopwatch.StartNew();
            var dayReports = new InboxLoader(warehouse, new EtlOptions { Inbox = inbox }).IngestInbox();
            var dayLoad = load.Elapsed.TotalSeconds;
            var walAfterLoad = WalBytes(copy);
            statements?.Mark("recompute");
            // CSKPI_BENCH_PROFILE=DIR: every statement of the day's recompute with its plan (explain analyze) in DIR/{name}.txt
            var profile = Environment.GetEnvironmentVariable("CSKPI_BENCH_PROFILE");
            var plans = new System.Text.StringBuilder();
            if (!string.IsNullOrEmpty(profile))
            {
                MartRecompute.ProfileSink = (model, statement, plan) =>
                    plans.Append($"==== {model}: {statement[..Math.Min(200, statement.Length)].ReplaceLineEndings(" ")}\n{plan}\n\n");
            }

            RecomputeReport day;
            try
            {
                day = MartRecompute.Incremental(warehouse);
            }
            finally
            {
                MartRecompute.ProfileSink = null;
            }

            if (!string.IsNullOrEmpty(profile))
            {
                Directory.CreateDirectory(profile);
                File.WriteAllText(Path.Combine(profile, name + ".txt"), plans.ToString());
            }

            var loadAverage = LoadAverage();
            // DuckDB checkpoints inside a commit once the WAL passes checkpoint_threshold: a WAL smaller after the
            // recompute than after the load says the recompute's commit ran a checkpoint (its cost is in the figure)
            var walAfterDay = WalBytes(copy);
            cpu.Refresh();
            var cpuDay = (cpu.TotalProcessorTime - cpuStart).TotalSeconds;
            Require(day);
            statements?.Write();
            // What the WAL left owes: the checkpoint DuckDB runs inside the commit that passes checkpoint_threshold
            // (16 MB), this day's or a later one's; timed here so that a day whose commit did not run it still shows it.
            var owed = Stopwatch.StartNew();
            using (var connection = warehouse.OpenConnection())
            {
                connection.Execute("checkpoint");
            }

            cpu.Refresh();
            var cpuOwed = (cpu.TotalProcessorTime - cpuStart).TotalSeconds - cpuDay;
            Console.WriteLine($"{name}: WAL {walAfterLoad / 1e6:N1} MB after the load, {walAfterDay / 1e6:N1} MB after the recompute "
                + $"(0: its commit ran a checkpoint); a checkpoint of what was left: {owed.Elapsed.TotalSeconds:N2} s; "
                + $"CPU of the process: {cpuDay:N2} s for load + recompute + checks (+ {cpuOwed:N2} s for the checkpoint left owed)");
            var slowest = string.Join(", ", day.Steps.Where(s => s.Name != "checks").OrderByDescending(s => s.Elapsed).Take(3)
                .Select(s => $"{Path.GetFileNameWithoutExtension(s.Name)} {s.Elapsed.TotalSeconds:N2} s"));
            var checks = day.Steps.Where(s => s.Name == "checks").Sum(s => s.Elapsed.TotalSeconds);
            var result = new Day(dayLoad, dayReports.Sum(r => r.Loaded), Seconds(day), checks, walAfterDay > 0 ? owed.Elapsed.TotalSeconds : 0, slowest, loadAverage);
            Console.WriteLine($"{name}: load {result.Load:N2} s + recompute {result.Recompute:N2} s + checks {result.Checks:N2} s; load avg {loadAverage}");
            return result;
        }
        finally
        {
            File.Delete(copy);
            File.Delete(copy + ".wal");
        }
    }

    private static long WalBytes(string database) => File.Exists(database + ".wal") ? new FileInfo(database + ".wal").Length : 0;

    /// <summary>The machine's 1-, 5- and 15-minute load averages (Linux), or a dash where there are none.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "–";

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
