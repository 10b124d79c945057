using System.Diagnostics;
using System.Text.Json;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Xunit.Abstractions;

namespace CsKpi.Jobs.Tests;

/// <summary>
/// The crash test: a real <c>cskpi ingest</c> process is killed while it loads a large chats file; the
/// warehouse must look as if the file had never been started, and the next run must load all of it.
/// </summary>
public sealed class IngestCrashTests(ITestOutputHelper log) : IDisposable
{
    private readonly CliTestBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public async Task Killing_ingest_mid_load_leaves_no_trace_and_the_next_run_loads_the_whole_file()
    {
        // About 1.5 million messages (190 MB of CSV): the insert then writes row groups into the file well before it
        // commits, which is the moment this test waits for; the kill does not depend on timing. DuckDB's insert holds
        // the reader's pieces (≈ 64,000 rows each) in memory and writes them merged once enough are pending: with
        // 290,000 messages (the size until r27) it wrote them all at the statement's end on this machine, a few
        // milliseconds before the commit, and a poll that came late saw the WAL already written (3 runs in 4 on main).
        var clock = Stopwatch.StartNew();
        var manifest = SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 150, Days = 31, ChatsOnly = true });
        var chats = Assert.Single(manifest.Files);
        log.WriteLine($"seeded {chats.Rows:N0} messages in {clock.Elapsed.TotalSeconds:F1} s");

        // The warehouse exists and was closed cleanly, so the child neither migrates nor replays a WAL: until the load
        // writes, the file keeps its size and there is no WAL.
        using (WarehouseDatabase.Open(new WarehouseOptions(bed.Warehouse)))
        {
        }

        var wal = bed.Warehouse + ".wal";
        Assert.False(File.Exists(wal), "a cleanly closed warehouse has no WAL");
        var emptySize = new FileInfo(bed.Warehouse).Length;

        // 1. Start the real command line and wait until the load is underway inside its transaction: DuckDB writes the
        //    row groups of a large insert into the database file before commit (the commit then logs them in the WAL).
        //    So "the file has grown and there is no WAL yet" means rows are being written and nothing is committed,
        //    however fast or slow the machine is.
        clock.Restart();
        using var child = Process.Start(CskpiProcess.StartInfo("ingest", "--inbox", bed.Inbox, "--warehouse", bed.Warehouse))!;
        var childOut = child.StandardOutput.ReadToEndAsync();
        var childError = child.StandardError.ReadToEndAsync();
        long grownTo;
        while ((grownTo = new FileInfo(bed.Warehouse).Length) <= emptySize)
        {
            if (child.HasExited)
            {
                Assert.Fail($"cskpi ingest finished (exit {child.ExitCode}) before its load was seen writing; a larger file is needed.\n"
                    + $"{await childOut}\n{await childError}");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                child.Kill(entireProcessTree: true);
                Assert.Fail("cskpi ingest did not start writing within 2 minutes");
            }

            await Task.Delay(5);
        }

        var underway = clock.Elapsed;
        var walAtKill = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        var runningAtKill = !child.HasExited;
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        log.WriteLine($"killed {underway.TotalSeconds:F1} s after start; the file had grown from {emptySize:N0} to {grownTo:N0} bytes, WAL {walAtKill} bytes");

        Assert.True(runningAtKill, "the child had already exited when it was to be killed");
        Assert.True(walAtKill == 0, $"the WAL held {walAtKill} bytes at the kill: the load had begun to commit, so the kill was not mid-load");
        Assert.NotEqual(0, child.ExitCode);
        Assert.Empty(await childOut); // it prints only when every file is done

        // 2. As if the file had never been started: no rows, no ledger entry, no rejects, no touched days.
        Assert.Equal(0, bed.Scalar<long>("select count(*) from raw.chat_message"));
        Assert.Equal(0, bed.Scalar<long>("select count(*) from etl.file_ledger"));
        Assert.Equal(0, bed.Scalar<long>("select count(*) from etl.rejects"));
        Assert.Equal(0, bed.Scalar<long>("select count(*) from etl.touched_days"));

        // 3. The next run loads the file whole.
        clock.Restart();
        var rerun = bed.Ingest("--json");
        log.WriteLine($"the rerun loaded the file in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(rerun.Exit == 0, rerun.ToString());
        using var json = JsonDocument.Parse(rerun.Out);
        var report = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(chats.Name, report.GetProperty("file").GetString());
        Assert.Equal("loaded", report.GetProperty("outcome").GetString());
        Assert.Equal(chats.Rows, report.GetProperty("read").GetInt64());
        Assert.Equal(chats.Rows, report.GetProperty("loaded").GetInt64());

        var ledger = Assert.Single(bed.Query<(string File, string Outcome, long Read, long Loaded, long Duplicates, long Rejected)>(
            "select file_name, outcome, read_rows, loaded_rows, duplicate_rows, rejected_rows from etl.file_ledger"));
        Assert.Equal((chats.Name, "loaded"), (ledger.File, ledger.Outcome));
        Assert.Equal(chats.Rows, ledger.Read);
        Assert.Equal(ledger.Read, ledger.Loaded + ledger.Duplicates + ledger.Rejected);
        Assert.Equal(chats.Rows, bed.Scalar<long>("select count(*) from raw.chat_message"));
        Assert.Equal(chats.Rows, bed.Scalar<long>("select count(distinct message_key) from raw.chat_message"));
        Assert.Equal(31, bed.Scalar<long>("select count(distinct business_day) from etl.touched_days"));
    }
}
