using CsKpi.Etl;
using CsKpi.Jobs.Scheduling;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Warehouse;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace CsKpi.Jobs.Tests;

/// <summary>
/// Work a committed load owes survives the run that should have done it: a kill after the files commit (during the
/// recompute) or during the snapshot leaves it owed, and the next run finishes it.
/// </summary>
public sealed class OwedWorkTests : IDisposable
{
    private readonly CliTestBed bed = new(fromTemplate: true);

    public void Dispose() => bed.Dispose();

    /// <summary>The files commit and the process dies before the recompute: exactly what the loader alone leaves.</summary>
    private void LoadWithoutRecompute()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(bed.Warehouse));
        var reports = new InboxLoader(warehouse, new EtlOptions { Inbox = bed.Inbox }).IngestInbox();
        Assert.All(reports, r => Assert.Equal(FileOutcome.Loaded, r.Outcome));
    }

    [Fact]
    public void The_next_ingest_recomputes_what_a_killed_recompute_left_owed_though_nothing_new_loads()
    {
        bed.Seed(badRows: 0);
        LoadWithoutRecompute();
        Assert.Equal(0, bed.Scalar<long>("select count(*) from marts.kpi_agent_daily"));

        var run = bed.Ingest();

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("0 loaded", run.Out, StringComparison.Ordinal);
        Assert.Contains("owed by an earlier run: 6 loaded files not yet recomputed into the marts", run.Out, StringComparison.Ordinal);
        Assert.Contains("marts recomputed (full)", run.Out, StringComparison.Ordinal);
        Assert.Contains("analyst snapshot written", run.Out, StringComparison.Ordinal);
        Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(bed.Warehouse)!, AnalystSnapshot.FileName)));

        // Consumed: a third run owes nothing and says nothing about it.
        var again = bed.Ingest();
        Assert.DoesNotContain("owed", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("marts recomputed", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incremental_load_killed_before_its_recompute_is_recomputed_with_its_days()
    {
        bed.LoadCopy(); // Seed(badRows: 0) and a successful Ingest(), done once per run (CliTestBed.Loaded)
        var before = bed.Scalar<long>("select count(*) from marts.kpi_agent_daily");
        var full = bed.Scalar<long>("select count(*) from core.fct_reception");

        // More days in a second inbox file set, loaded without their recompute.
        foreach (var file in Directory.EnumerateFiles(bed.Inbox))
        {
            File.Delete(file);
        }

        CsKpi.Seed.SeedRun.Run(new CsKpi.Seed.SeedOptions
        {
            OutputDirectory = bed.Inbox, Agents = 6, Days = 3, Start = new DateOnly(2026, 2, 1), ChatsOnly = true,
        });
        LoadWithoutRecompute();
        Assert.Equal(before, bed.Scalar<long>("select count(*) from marts.kpi_agent_daily"));

        var run = bed.Run("recompute", "--from", "2026-01-01", "--to", "2026-01-02", "--warehouse", bed.Warehouse);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("owed by an earlier run: 1 loaded file not yet recomputed", run.Out, StringComparison.Ordinal);
        Assert.True(bed.Scalar<long>("select count(*) from core.fct_reception") > full);
        Assert.Equal(3, bed.Scalar<long>("select count(distinct business_day) from marts.kpi_agent_daily where business_day >= date '2026-02-01'"));
    }

    [Fact]
    public void A_snapshot_a_kill_cut_short_is_written_by_the_next_run_and_its_leftover_removed()
    {
        bed.LoadCopy(); // Seed(badRows: 0) and a successful Ingest(), done once per run (CliTestBed.Loaded)
        var folder = Path.GetDirectoryName(bed.Warehouse)!;
        var snapshot = Path.Combine(folder, AnalystSnapshot.FileName);
        // The recompute committed, the snapshot was being written: no analyst.duckdb yet, a pending file, no record.
        File.Delete(snapshot);
        var leftover = snapshot + "." + Guid.NewGuid().ToString("N") + ".writing";
        File.WriteAllText(leftover, "half a file");
        bed.Scalar<long>("delete from etl.snapshot_run returning 1");

        var run = bed.Ingest();

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("owed by an earlier run: the analyst snapshot is older than the marts", run.Out, StringComparison.Ordinal);
        Assert.Contains("analyst snapshot written", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(snapshot));
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public void A_missing_snapshot_file_is_owed_even_when_the_ledger_says_it_was_written()
    {
        bed.LoadCopy(); // Seed(badRows: 0) and a successful Ingest(), done once per run (CliTestBed.Loaded)
        var snapshot = Path.Combine(Path.GetDirectoryName(bed.Warehouse)!, AnalystSnapshot.FileName);
        File.Delete(snapshot);

        var run = bed.Ingest();

        Assert.Contains("analyst snapshot written", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(snapshot));
    }

    [Fact]
    public void A_scheduled_job_finishes_the_owed_recompute_first_and_queues_the_owed_snapshot()
    {
        bed.Seed(badRows: 0);
        LoadWithoutRecompute();
        var queue = new RecordingQueue();
        string result;
        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(bed.Warehouse)))
        {
            result = new ScheduledJobs(warehouse, new EtlOptions { Inbox = bed.Inbox }, queue).SampleChats(CancellationToken.None);
        }

        Assert.StartsWith("finished owed work (6 loaded files not yet recomputed into the marts)", result, StringComparison.Ordinal);
        Assert.Contains("snapshot owed by an earlier run queued", result, StringComparison.Ordinal);
        Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
        Assert.Equal(nameof(ScheduledJobs.WriteSnapshot), Assert.Single(queue.Created).Method.Name);
    }

    [Fact]
    public void The_scheduled_ingest_of_a_site_whose_inbox_was_never_made_finishes_owed_work_instead_of_failing()
    {
        bed.Seed(badRows: 0);
        LoadWithoutRecompute();
        var inbox = Path.Combine(Path.GetDirectoryName(bed.Warehouse)!, "never-made-inbox");
        string result;
        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(bed.Warehouse)))
        {
            result = new ScheduledJobs(warehouse, new EtlOptions { Inbox = inbox }, new RecordingQueue()).IngestInbox(CancellationToken.None);
        }

        Assert.StartsWith($"{inbox}: 0 new file(s)", result, StringComparison.Ordinal);
        Assert.Contains("finished what an earlier run left owed", result, StringComparison.Ordinal);
        Assert.True(Directory.Exists(inbox));
        Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
    }

    /// <summary>What a job queued, instead of a Hangfire storage.</summary>
    private sealed class RecordingQueue : IBackgroundJobClient
    {
        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
