using System.Diagnostics;
using System.Runtime.InteropServices;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Xunit.Abstractions;

namespace CsKpi.Jobs.Tests;

/// <summary>SIGTERM (what a service manager or <c>kill</c> sends) stops <c>cskpi ingest</c> at a safe point.</summary>
public sealed partial class StopSignalTests(ITestOutputHelper log) : IDisposable
{
    private readonly CliTestBed bed = new();

    public void Dispose() => bed.Dispose();

    private const int Sigterm = 15;

    /// <summary>
    /// libc's kill(2): the signal is sent the moment the recompute's line is read. Starting /bin/kill took long enough
    /// on a loaded machine for the small recompute to finish first, and the test then saw nothing to roll back.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [Fact]
    public async Task Sigterm_during_the_recompute_rolls_it_back_says_so_and_the_next_run_finishes_it()
    {
        SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 8, Days = 20 });
        using var child = Process.Start(CskpiProcess.StartInfo("ingest", "--progress", "--inbox", bed.Inbox, "--warehouse", bed.Warehouse))!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = new System.Text.StringBuilder();
        string? line;
        while ((line = await child.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2))) is not null)
        {
            error.AppendLine(line);
            if (line.Contains("recomputing the marts", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.True(line is not null, $"the recompute never started:\n{error}");
        Assert.Equal(0, Kill(child.Id, Sigterm));

        error.Append(await child.StandardError.ReadToEndAsync());
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        log.WriteLine(error.ToString());

        // It stopped by itself, with its message, rather than dying of the signal (exit 143).
        Assert.Equal(1, child.ExitCode);
        Assert.Contains("SIGTERM received; stopping at a safe point", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("cskpi ingest stopped by SIGTERM at a safe point", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await output);

        // Nothing half-written: the loads committed, the marts were rolled back whole, and the recompute is owed.
        Assert.Equal(0, bed.Scalar<long>("select count(*) from marts.kpi_agent_daily"));
        Assert.Equal(0, bed.Scalar<long>("select count(*) from etl.recompute_run"));
        Assert.Equal(6, bed.Scalar<long>("select count(*) from etl.file_ledger where outcome = 'loaded'"));

        var rerun = bed.Ingest();
        Assert.True(rerun.Exit == 0, rerun.ToString());
        Assert.Contains("owed by an earlier run: 6 loaded files not yet recomputed", rerun.Out, StringComparison.Ordinal);
        Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
    }
}
