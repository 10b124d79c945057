using System.Diagnostics;
using CsKpi.Etl;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// The profile behind the ingest scenario: one chat file of ≈1 million messages at scale 1 (100 agents × 31 days),
/// loaded by the ETL with DuckDB's query log on, so every statement the loader runs is printed with its time (the
/// time to the next statement's start), slowest first. Then a second month, so that the dedupe's cost
/// against loaded history shows.
/// <c>CSKPI_BENCH_INBOX=DIR</c> keeps the seeded inbox between runs.
/// </summary>
internal static class IngestStepsScenario
{
    public static IReadOnlyList<Figure> Run(int scale)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cskpi-bench-steps-{Environment.ProcessId}");
        var kept = Environment.GetEnvironmentVariable("CSKPI_BENCH_INBOX");
        var inbox = kept ?? Path.Combine(root, "inbox");
        try
        {
            // CSKPI_BENCH_MONTHS=1 loads the first month only (at --scale 10, a 1,000-agent month of ≈10 million messages).
            var months = new[] { ("03", new DateOnly(2026, 3, 1)), ("04", new DateOnly(2026, 4, 1)) }
                .Take(Environment.GetEnvironmentVariable("CSKPI_BENCH_MONTHS") == "1" ? 1 : 2).ToList();
            foreach (var (month, start) in months)
            {
                var folder = Path.Combine(inbox, month);
                if (!Directory.Exists(folder))
                {
                    SeedRun.Run(new SeedOptions
                    {
                        OutputDirectory = folder, Agents = 100 * scale, Days = 31, Start = start, Format = SeedFormat.Csv, ChatsOnly = true,
                    });
                }
            }

            var chatFile = Directory.EnumerateFiles(Path.Combine(inbox, "03"), "chats*.csv", SearchOption.AllDirectories).Single();
            var plain = Plain(Path.Combine(root, "plain.duckdb"), chatFile);
            Memory.ResetPeak();
            using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(root, "cskpi.duckdb")) { MemoryLimit = "2560MiB" });
            var loads = new List<(string What, double Seconds, double Cpu)> { Load(warehouse, Path.Combine(inbox, "03"), "first month") };
            if (months.Count > 1)
            {
                loads.Add(Load(warehouse, Path.Combine(inbox, "04"), "second month"));
            }

            // The plain read again after the loads: the machine's load moves within minutes, so the baseline is the
            // mean of a read before and a read after.
            var plainAfter = Plain(Path.Combine(root, "plain-after.duckdb"), chatFile);
            var baseline = (plain.Seconds + plainAfter.Seconds) / 2;
            var cpuBaseline = (plain.Cpu + plainAfter.Cpu) / 2;
            var figures = new List<Figure>
            {
                new("plain typed read_csv", baseline, "s", $"baseline (before {plain.Seconds:N2} s, after {plainAfter.Seconds:N2} s)", HigherIsBetter: false),
                new("plain read, CPU", cpuBaseline, "CPU s", $"baseline (before {plain.Cpu:N2}, after {plainAfter.Cpu:N2})", HigherIsBetter: false),
            };
            figures.AddRange(loads.Select(l => new Figure($"ingest, {l.What}", l.Seconds, "s", $"{l.Seconds / baseline:N2}× the plain read", HigherIsBetter: false)));
            // The same in CPU seconds of the process: a second reading of the ratio when the machine's load swings.
            figures.AddRange(loads.Select(l => new Figure($"ingest, {l.What}, CPU", l.Cpu, "CPU s", $"{l.Cpu / cpuBaseline:N2}× the plain read's", HigherIsBetter: false)));

            figures.Add(new("peak memory", Memory.Peak() / 1e6, "MB", "whole process", HigherIsBetter: false));
            return figures;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static (string What, double Seconds, double Cpu) Load(WarehouseDatabase warehouse, string inbox, string what)
    {
        using var connection = warehouse.OpenConnection();
        connection.Execute("call truncate_duckdb_logs(); call enable_logging('QueryLog');");
        // The process's CPU time and the spill folder's size, sampled every 100 ms: each statement's CPU seconds and
        // spill come from the samples between its start and the next statement's (the query log has the times).
        var spillFolder = connection.ExecuteScalar<string>("select current_setting('temp_directory')") ?? "";
        var samples = new System.Collections.Concurrent.ConcurrentQueue<(DateTime At, double Cpu, long Spill)>();
        using var spill = new SpillSampler(spillFolder);
        using var sampling = new Timer(_ => samples.Enqueue((DateTime.Now, Cpu(), spill.Peak)), null, 0, 100);
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var reports = new InboxLoader(warehouse, new EtlOptions { Inbox = inbox }).IngestInbox();
        var seconds = clock.Elapsed.TotalSeconds;
        cpu = Cpu() - cpu;
        connection.Execute("call disable_logging();");
        sampling.Dispose();
        var steps = connection.Query<(DateTime Start, DateTime? End, double Seconds, string Sql)>("""
            with q as (select timestamp, message from duckdb_logs where type = 'QueryLog')
            select timestamp, lead(timestamp) over (order by timestamp), coalesce(epoch(lead(timestamp) over (order by timestamp) - timestamp), 0) as seconds,
                   left(regexp_replace(message, '\s+', ' ', 'g'), 130)
            from q order by seconds desc nulls last limit 12
            """);
        var sampled = samples.ToList();
        (double Cpu, long Spill) During(DateTime start, DateTime? end)
        {
            var inside = sampled.Where(x => x.At >= start && (end is null || x.At <= end)).ToList();
            return inside.Count < 2 ? (double.NaN, 0) : (inside[^1].Cpu - inside[0].Cpu, inside.Max(x => x.Spill));
        }
        // CSKPI_BENCH_STATEMENTS=DIR: every statement in full, in order, with its time, to replay under EXPLAIN ANALYZE.
        if (Environment.GetEnvironmentVariable("CSKPI_BENCH_STATEMENTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var all = connection.Query<(double? Seconds, string Sql)>("""
                with q as (select timestamp, message from duckdb_logs where type = 'QueryLog')
                select epoch(lead(timestamp) over (order by timestamp) - timestamp), message from q order by timestamp
                """);
            File.WriteAllText(Path.Combine(folder, $"ingest-steps-{what.Replace(' ', '-')}.sql"),
                string.Join("\n;;\n", all.Select(a => $"-- {a.Seconds:N3} s\n{a.Sql}")));
        }

        Console.WriteLine($"\n{what}: {seconds:N2} s, {cpu:N2} CPU s, {string.Join("; ", reports.Select(r => $"{r.File} {r.Outcome} read {r.Read} loaded {r.Loaded} dup {r.Duplicates} rej {r.Rejected}"))}");
        Console.WriteLine($"  (samples {sampled.Count}, {sampled.FirstOrDefault().At:HH:mm:ss.f}–{sampled.LastOrDefault().At:HH:mm:ss.f}; spill folder {spillFolder})");
        foreach (var (start, end, s, sql) in steps)
        {
            var (stepCpu, stepSpill) = During(start, end);
            Console.WriteLine($"  {s,7:N2} s {stepCpu,7:N2} CPU s  spill {stepSpill / 1e6,6:N0} MB  {sql}");
        }

        return (what, seconds, cpu);
    }

    private static (double Seconds, double Cpu) Plain(string database, string csv)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={database}");
        connection.Open();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        connection.Execute($"create table t as select * from read_csv('{csv}', delim=',', quote='\"', escape='\"', header=true)");
        return (clock.Elapsed.TotalSeconds, Cpu() - cpu);
    }

    /// <summary>The process's CPU seconds so far: on a machine others load, less swayed by them than the wall clock.</summary>
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
