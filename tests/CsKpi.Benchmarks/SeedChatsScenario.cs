using System.Diagnostics;
using CsKpi.Seed;
using CsKpi.Seed.Output;

namespace CsKpi.Benchmarks;

/// <summary>
/// Chat messages generated and written per second, to Parquet (the target: ≥ 1,000,000/s on 2 cores), compared in
/// the same run with the same messages as CSV and with one partition at a time; memory compared between the
/// scale and twice the scale, which must stay flat because messages stream to disk a row group at a time.
/// </summary>
internal static class SeedChatsScenario
{
    public static IReadOnlyList<Figure> Run(int scale)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cskpi-bench-{Environment.ProcessId}");
        try
        {
            // A year: twelve month partitions keep both cores busy to the end, and a run of seconds evens out the noise.
            var options = new SeedOptions { OutputDirectory = root, Agents = 35 * scale, Days = 364, ChatsOnly = true, Format = FileFormat.Parquet };
            Measure(options with { Days = 31, OutputDirectory = Path.Combine(root, "warmup") }); // JIT and thread pool warm-up

            var parquet = Measure(options);
            var csv = Measure(options with { Format = FileFormat.Csv });
            var serial = Measure(options with { Parallelism = 1 });
            var large = Measure(options with { Agents = 70 * scale });
            var rate = parquet.Messages / parquet.Seconds;
            return
            [
                new("chat messages to Parquet", rate, "msg/s", $"target; {parquet.Messages:N0} messages in {parquet.Seconds:N2} s", 1_000_000),
                new("chat messages to CSV", csv.Messages / csv.Seconds, "msg/s", $"same messages; Parquet is {rate / (csv.Messages / csv.Seconds):P0} of it"),
                new("chat messages to Parquet, 1 partition at a time", serial.Messages / serial.Seconds, "msg/s", $"baseline; parallel months give ×{rate / (serial.Messages / serial.Seconds):N2}"),
                new("peak working set", parquet.PeakMegabytes, "MB", $"{parquet.Messages:N0} messages"),
                new("peak working set at 2× the agents", large.PeakMegabytes, "MB", $"{large.Messages:N0} messages: flat if close to the line above"),
            ];
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed record Measurement(long Messages, double Seconds, double PeakMegabytes);

    private static Measurement Measure(SeedOptions options)
    {
        if (Directory.Exists(options.OutputDirectory))
        {
            Directory.Delete(options.OutputDirectory, recursive: true);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Memory.ResetPeak();
        var clock = Stopwatch.StartNew();
        var manifest = SeedRun.Run(options);
        var seconds = clock.Elapsed.TotalSeconds;
        Directory.Delete(options.OutputDirectory, recursive: true);
        return new Measurement(manifest.RowsOf("chats"), seconds, Memory.Peak() / 1e6);
    }
}
