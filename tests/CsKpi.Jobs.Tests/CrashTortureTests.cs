using System.Collections.Concurrent;
using System.Diagnostics;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using Xunit.Abstractions;

namespace CsKpi.Jobs.Tests;

/// <summary>
/// The issue's proof (issue 13, item 3): a real <c>cskpi ingest</c> process on seeded data is killed (SIGKILL) again
/// and again — on a new warehouse and on an incremental load, when a stage's progress line appears plus a random
/// offset, and at random moments from the start — then run again. Every killed file must open in an independent
/// reader (another process, plain DuckDB.NET), and after the reruns every raw, core and marts table and the analyst
/// snapshot must equal those of a run that was never killed.
/// </summary>
public sealed class CrashTortureTests(ITestOutputHelper log) : IDisposable
{
    private const int Trials = 14;

    /// <summary>
    /// How long one ingest may take before the test calls it hung: a safety net, not a speed bound (a clean ingest takes
    /// about 20 s on a quiet machine; the root `dotnet test` runs two test projects at once, and a loaded machine
    /// made one take 174 s against the 2 minutes this was).
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>The stages <c>cskpi ingest --progress</c> announces, and how long after each a kill may come.</summary>
    private static readonly (string Line, int MaxDelayMs)[] Stages =
    [
        ("opening the warehouse", 400),
        ("loading the inbox", 900),
        ("recomputing the marts", 900),
        ("writing the analyst snapshot", 300),
    ];

    private readonly string root = Path.Combine(Path.GetTempPath(), "cskpi-torture-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may hold a file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Every_kill_leaves_a_file_that_opens_and_the_reruns_equal_a_clean_run()
    {
        var clock = Stopwatch.StartNew();
        // Two batches: everything for 8 agents × 10 days, then 4 more days of chats (the incremental load).
        var first = Path.Combine(root, "batch1");
        var second = Path.Combine(root, "batch2");
        SeedRun.Run(new SeedOptions { OutputDirectory = first, Agents = 8, Days = 10 });
        SeedRun.Run(new SeedOptions { OutputDirectory = second, Agents = 8, Days = 4, Start = new DateOnly(2026, 1, 11), ChatsOnly = true });

        var clean = Path.Combine(root, "clean");
        // The clean run must pass its checks: else it and a killed run could agree only in a state whose snapshot was
        // withheld (a failed check withholds it), and the comparison would prove nothing about the numbers.
        foreach (var batch in new[] { first, second })
        {
            var run = await RunIngest(clean, batch);
            Assert.Equal(0, run.Exit);
            Assert.DoesNotContain("FAILED", run.Out, StringComparison.Ordinal);
        }

        var expected = await Fingerprint(clean);
        log.WriteLine($"clean run and its fingerprint: {clock.Elapsed.TotalSeconds:F1} s, {expected.Warehouse.Count} tables");
        Assert.Contains(expected.Warehouse, l => l.StartsWith("marts.kpi_agent_daily ", StringComparison.Ordinal) && !l.Contains(" 0 0", StringComparison.Ordinal));

        var random = new Random(13);
        var killedIn = new ConcurrentDictionary<string, int>();
        for (var trial = 0; trial < Trials; trial++)
        {
            var incremental = trial % 2 == 1;
            var folder = Path.Combine(root, $"trial{trial}");
            if (incremental)
            {
                Assert.Equal(0, (await RunIngest(folder, first)).Exit);
            }

            // Trials 0-7 kill at each stage's line, on a new warehouse and on an incremental load; the rest at a random
            // moment from the start.
            var stage = trial < 2 * Stages.Length ? Stages[trial / 2] : default;
            var delay = stage.Line is null ? random.Next(150, 3000) : random.Next(0, stage.MaxDelayMs);
            var killed = await KillIngest(folder, incremental ? second : first, stage.Line, delay);
            killedIn.AddOrUpdate(killed.LastStage, 1, (_, n) => n + 1);
            log.WriteLine($"trial {trial} ({(incremental ? "incremental" : "new warehouse")}): killed {delay} ms after "
                + $"'{stage.Line ?? "start"}', last stage seen '{killed.LastStage}'{(killed.ExitedFirst ? " (it had finished)" : "")}");

            // (a) What the kill left opens in an independent reader, before anything of ours touches it.
            var warehouse = WarehousePath(folder);
            if (File.Exists(warehouse))
            {
                var read = await IndependentReader.Run(warehouse);
                Assert.True(read.Exit == 0, $"trial {trial}: the killed warehouse does not open: {read}");
            }

            // (b) The reruns finish the job: every table and the snapshot as a clean run has them.
            if (!incremental)
            {
                Assert.Equal(0, (await RunIngest(folder, first)).Exit);
            }

            var rerun = await RunIngest(folder, second);
            Assert.True(rerun.Exit == 0, $"trial {trial}: {rerun}");
            var actual = await Fingerprint(folder);
            Assert.Equal(expected.Warehouse, actual.Warehouse);
            Assert.Equal(expected.Snapshot, actual.Snapshot);
            Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(warehouse)!, "*.writing*"));
        }

        log.WriteLine($"{Trials} trials in {clock.Elapsed.TotalSeconds:F1} s; last stage seen at the kill: "
            + string.Join(", ", killedIn.OrderBy(k => k.Key).Select(k => $"{k.Key} × {k.Value}")));
        // The kills reached into the load, the recompute and the snapshot, not only the start.
        foreach (var (line, _) in Stages.Skip(1))
        {
            Assert.True(killedIn.ContainsKey(line), $"no kill came while '{line}' was under way");
        }
    }

    private static string WarehousePath(string folder) => Path.Combine(folder, "data", "cskpi.duckdb");

    /// <summary>Adds <paramref name="batch"/>'s files to the folder's inbox and runs <c>cskpi ingest</c> to the end.</summary>
    private static async Task<CliResult> RunIngest(string folder, string batch)
    {
        var inbox = Inbox(folder, batch);
        using var child = Process.Start(CskpiProcess.StartInfo("ingest", "--inbox", inbox, "--warehouse", WarehousePath(folder)))!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(Patience);
        return new CliResult(child.ExitCode, await output, await error);
    }

    private sealed record KillResult(string LastStage, bool ExitedFirst);

    /// <summary>
    /// Starts <c>cskpi ingest --progress</c> and kills it <paramref name="delayMs"/> after <paramref name="stage"/>'s
    /// line (after the start when null). The last stage line seen before the kill says where it landed.
    /// </summary>
    private static async Task<KillResult> KillIngest(string folder, string batch, string? stage, int delayMs)
    {
        var inbox = Inbox(folder, batch);
        var start = CskpiProcess.StartInfo("ingest", "--progress", "--inbox", inbox, "--warehouse", WarehousePath(folder));
        using var child = Process.Start(start)!;
        var lastStage = "start";
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (stage is null)
        {
            reached.SetResult();
        }

        var reading = Task.Run(async () =>
        {
            while (await child.StandardError.ReadLineAsync() is { } line)
            {
                if (Stages.FirstOrDefault(s => line.Contains(s.Line, StringComparison.Ordinal)) is { Line: { } seen })
                {
                    lastStage = seen;
                    if (seen == stage)
                    {
                        reached.TrySetResult();
                    }
                }
            }

            reached.TrySetResult();
        });
        var draining = child.StandardOutput.ReadToEndAsync();
        await reached.Task.WaitAsync(Patience);
        await Task.Delay(delayMs);
        var exitedFirst = child.HasExited;
        var landed = lastStage;
        if (!exitedFirst)
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync();
        await reading;
        await draining;
        return new KillResult(exitedFirst ? "finished" : landed, exitedFirst);
    }

    /// <summary>The folder's inbox with the batch's files added (those of earlier batches stay, as in a real inbox).</summary>
    private static string Inbox(string folder, string batch)
    {
        var inbox = Path.Combine(folder, "inbox");
        Directory.CreateDirectory(inbox);
        foreach (var file in Directory.EnumerateFiles(batch).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)), overwrite: true);
        }

        return inbox;
    }

    private static Task<IndependentReader.Fingerprints> Fingerprint(string folder) =>
        IndependentReader.Read(WarehousePath(folder), Path.Combine(folder, "data", "analyst.duckdb"));
}
