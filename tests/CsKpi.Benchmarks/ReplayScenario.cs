using System.Diagnostics;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Benchmarks;

/// <summary>
/// <c>replay WAREHOUSE SCRIPT</c>: runs a script's statements (separated by a line <c>;;</c>, the form
/// <c>CSKPI_BENCH_STATEMENTS</c> writes) one by one on a warehouse opened as the ingest opens it (migrations, macros,
/// <c>memory_limit</c> 2560MiB or <c>CSKPI_BENCH_MEMORY_LIMIT</c>, its temp_directory), in one transaction, and prints
/// each statement's wall and CPU seconds and the spill folder's largest size while it ran: to take a profile's big
/// statements apart (EXPLAIN ANALYZE, a variant) on the same data without re-running the whole load.
/// </summary>
internal static class ReplayScenario
{
    public static int Run(string database, string scriptPath)
    {
        var limit = Environment.GetEnvironmentVariable("CSKPI_BENCH_MEMORY_LIMIT") is { Length: > 0 } given ? given : "2560MiB";
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(database) { MemoryLimit = limit });
        using var connection = warehouse.OpenConnection();
        var spillFolder = connection.ExecuteScalar<string>("select current_setting('temp_directory')") ?? "";
        var statements = File.ReadAllText(scriptPath).Split("\n;;\n").Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        using var sampler = new SpillSampler(spillFolder);
        var totalClock = Stopwatch.StartNew();
        var totalCpu = Cpu();
        foreach (var statement in statements)
        {
            sampler.Reset();
            var cpu = Cpu();
            var clock = Stopwatch.StartNew();
            string result;
            try
            {
                using var reader = connection.ExecuteReader(statement);
                var rows = new List<string>();
                while (reader.Read())
                {
                    rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i)))));
                }

                result = string.Join("\n      ", rows.Take(60));
            }
            catch (Exception e)
            {
                result = "ERROR " + e.Message.Split('\n')[0];
            }

            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"{seconds,8:N2} s {Cpu() - cpu,8:N2} CPU s  spill {sampler.Peak / 1e6,7:N0} MB  peak RSS {Memory.Peak() / 1e6,7:N0} MB  {System.Text.RegularExpressions.Regex.Replace(statement, @"\s+", " ")[..Math.Min(140, System.Text.RegularExpressions.Regex.Replace(statement, @"\s+", " ").Length)]}");
            if (result.Length > 0)
            {
                Console.WriteLine("      " + result);
            }
        }

        Console.WriteLine($"{totalClock.Elapsed.TotalSeconds,8:N2} s {Cpu() - totalCpu,8:N2} CPU s  in all");
        return 0;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}

/// <summary>The largest size of DuckDB's spill folder since the last <see cref="Reset"/>, sampled every 200 ms.</summary>
internal sealed class SpillSampler : IDisposable
{
    private readonly string folder;
    private readonly Timer timer;
    private long peak;

    public SpillSampler(string folder)
    {
        this.folder = folder;
        timer = new Timer(_ => Sample(), null, 0, 200);
    }

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref peak);
        }
    }

    public void Reset() => Interlocked.Exchange(ref peak, 0);

    private void Sample()
    {
        long size = 0;
        try
        {
            if (Directory.Exists(folder))
            {
                size = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => { try { return f.Length; } catch (IOException) { return 0; } });
            }
        }
        catch (IOException)
        {
        }

        long seen;
        do
        {
            seen = Interlocked.Read(ref peak);
        }
        while (size > seen && Interlocked.CompareExchange(ref peak, size, seen) != seen);
    }

    public void Dispose() => timer.Dispose();
}
