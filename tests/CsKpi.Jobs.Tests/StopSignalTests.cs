using System.Diagnostics;
using System.Runtime.InteropServices;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Xunit.Abstractions;

namespace CsKpi.Jobs.Tests;

/// <summary>SIGTERM (what a service manager or <c>kill</c> sends) stops <c>cskpi ingest</c> at a safe point.</summary>
public sealed partial class StopSignalTests(ITestOutputHelper log)
{
    private const int Sigterm = 15;

    /// <summary>
    /// Runs in which the signal may land after the recompute committed. The recompute of this bed takes about 0.7 s;
    /// CI's loaded machine once reacted to the progress line later than that (stop 33), and the run then stopped at the
    /// snapshot instead, with its marts kept. That outcome is right too (checked below), but it is not the one this test
    /// is about, so it tries again on a new bed.
    /// </summary>
    private const int Attempts = 4;

    /// <summary>
    /// libc's kill(2): the signal is sent the moment the recompute's line is read. Starting /bin/kill took long enough
    /// on a loaded machine for the small recompute to finish first, and the test then saw nothing to roll back.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [Fact]
    public async Task Sigterm_during_the_recompute_rolls_it_back_says_so_and_the_next_run_finishes_it()
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            using var bed = new CliTestBed();
            SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 8, Days = 20 });
            var (signalled, error) = await IngestSignalledAtTheRecompute(bed);
            log.WriteLine($"attempt {attempt}:\n{error}");
            if (!signalled)
            {
                // The whole ingest finished before the signal was sent: nothing to check here.
                continue;
            }

            // It stopped by itself, with its message, rather than dying of the signal (exit 143); the loads committed.
            Assert.Contains("SIGTERM received; stopping at a safe point", error, StringComparison.Ordinal);
            Assert.Contains("cskpi ingest stopped by SIGTERM at a safe point", error, StringComparison.Ordinal);
            Assert.Equal(6, bed.Scalar<long>("select count(*) from etl.file_ledger where outcome = 'loaded'"));

            if (bed.Scalar<long>("select count(*) from etl.recompute_run") == 1)
            {
                // The signal landed after the recompute's commit: its marts stay, whole, and the snapshot is not written.
                Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
                Assert.False(File.Exists(AnalystSnapshot.PathBeside(bed.Warehouse)), "a stop before the snapshot wrote one");
                continue;
            }

            // Nothing half-written: the marts were rolled back whole, and the recompute is owed.
            Assert.Equal(0, bed.Scalar<long>("select count(*) from etl.recompute_run"));
            Assert.Equal(0, bed.Scalar<long>("select count(*) from marts.kpi_agent_daily"));

            var rerun = bed.Ingest();
            Assert.True(rerun.Exit == 0, rerun.ToString());
            Assert.Contains("owed by an earlier run: 6 loaded files not yet recomputed", rerun.Out, StringComparison.Ordinal);
            Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
            return;
        }

        Assert.Fail($"in {Attempts} attempts the signal never landed before the recompute's commit");
    }

    /// <summary>
    /// Runs <c>cskpi ingest --progress</c> and sends SIGTERM as its recompute starts; returns whether the signal reached
    /// the process (false: it had already exited, successfully) and what the process wrote to stderr.
    /// The lines are read on a thread of their own, not in an async continuation: the test host's thread pool, busy with
    /// the other tests, may run a continuation a second or more after the line arrives.
    /// </summary>
    private static async Task<(bool Signalled, string Error)> IngestSignalledAtTheRecompute(CliTestBed bed)
    {
        using var child = Process.Start(CskpiProcess.StartInfo("ingest", "--progress", "--inbox", bed.Inbox, "--warehouse", bed.Warehouse))!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = new System.Text.StringBuilder();
        var signalled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = child.StandardError.ReadLine()) is not null)
            {
                error.AppendLine(line);
                if (line.Contains("recomputing the marts", StringComparison.Ordinal))
                {
                    signalled.TrySetResult(Kill(child.Id, Sigterm) == 0);
                    error.Append(child.StandardError.ReadToEnd());
                    return;
                }
            }

            signalled.TrySetException(new InvalidOperationException($"the recompute never started:\n{error}"));
        }) { IsBackground = true, Priority = ThreadPriority.Highest };
        reader.Start();

        var sent = await signalled.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(reader.Join(TimeSpan.FromMinutes(1)), "stderr stayed open after the process exited");
        Assert.True(child.ExitCode == (sent ? 1 : 0), $"exit {child.ExitCode}:\n{error}");
        if (sent)
        {
            Assert.Empty(await output);
        }

        return (sent, error.ToString());
    }
}
