using CsKpi.Etl;
using CsKpi.Jobs.Sharding;
using CsKpi.Warehouse;
using Hangfire;
using Hangfire.Logging;

namespace CsKpi.Jobs.Scheduling;

/// <summary>
/// What Hangfire runs, in the process that owns the warehouse. Each method is thin — it calls the same job code as
/// <c>cskpi</c> — takes no arguments that could go stale in a queue, never overlaps with itself
/// (<see cref="DisableConcurrentExecutionAttribute"/>), and is safe to retry: ingests are keyed by file content,
/// recomputes rebuild whole days, the snapshot replaces a file whole. Each first finishes what an earlier run left
/// owed (<see cref="OwedWorkJob"/>): a recompute a kill cut short, a snapshot that was never written.
/// </summary>
public sealed class ScheduledJobs(WarehouseDatabase warehouse, EtlOptions etl, IBackgroundJobClient queue)
{
    private static readonly ILog Log = LogProvider.GetLogger(typeof(ScheduledJobs));

    /// <summary>The shard whose warehouse this is (<see cref="ShardJobs"/>); null for the one warehouse of the default queue.</summary>
    private readonly string? shard;

    /// <summary>For <see cref="ShardJobs"/>: the same jobs on a shard's warehouse, their snapshot queued on the shard's queue.</summary>
    internal ScheduledJobs(WarehouseDatabase warehouse, EtlOptions etl, IBackgroundJobClient queue, string shard)
        : this(warehouse, etl, queue)
    {
        this.shard = shard;
    }

    /// <summary>Longer than any run we have measured (a 10-million-message ingest and recompute); a second start waits, then fails and retries.</summary>
    private const int OverlapWaitSeconds = 60 * 60;

    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string IngestInbox(CancellationToken cancellation)
    {
        // The site's inbox is a folder of its own: before anyone drops a file it may not exist yet, which is an empty
        // inbox, not a failure (one would retry three times, log a stack trace and leave owed work undone).
        Directory.CreateDirectory(etl.Inbox);
        var result = IngestJob.Run(warehouse, etl, cancellation, note => Log.Info($"ingest-inbox: {note}"));
        var loaded = result.Files.Count(f => f.Report.Outcome == FileOutcome.Loaded);
        var snapshot = QueueSnapshotIfOwed(result.Recompute);

        // The return value is what the Hangfire dashboard shows for the run.
        return $"{etl.Inbox}: {result.Files.Count} new file(s), {loaded} loaded, {result.Touched.StoreDays} store-day(s) touched"
            + (result.Recompute is { } r ? $", {r.MartDays} store-day(s) recomputed" : "")
            + (result.Owed is { Any: true } owed ? $"; finished what an earlier run left owed ({owed.Describe()})" : "")
            + snapshot;
    }

    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string RecomputeProvisional(CancellationToken cancellation)
    {
        var owed = FinishOwedRecompute(cancellation);
        if (ProvisionalRecomputeJob.Run(warehouse, cancellation) is not { } report)
        {
            return owed + "no provisional day" + QueueSnapshotIfOwed(null);
        }

        return owed + $"{report.MartDays} store-day(s) recomputed in {report.Elapsed.TotalSeconds:0.0} s" + QueueSnapshotIfOwed(report);
    }

    /// <summary>The review of the half that has just ended (career.md); a rerun refreshes only pending proposals.</summary>
    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string ReviewHalf(CancellationToken cancellation)
    {
        var owed = FinishOwedRecompute(cancellation) + QueueSnapshotIfOwed(null);
        var result = HalfReviewJob.Run(warehouse, JobSchedule.StoreToday());
        return owed + $"{result.Half}: {result.Pending} pending proposal(s), {result.Decided} already decided";
    }

    /// <summary>Last whole week's receptions picked for quality review; a rerun picks the same ones.</summary>
    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string SampleChats(CancellationToken cancellation)
    {
        var owed = FinishOwedRecompute(cancellation) + QueueSnapshotIfOwed(null);
        var result = ChatSamplingJob.Run(warehouse, ChatSamplingJob.LastWholeWeek(JobSchedule.StoreToday()));
        return owed + $"week of {result.WeekStart:yyyy-MM-dd}: {result.Picked} reception(s) picked for {result.AgentsSampled} agent(s)";
    }

    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string WriteSnapshot()
    {
        var report = SnapshotJob.Run(warehouse);
        return $"{report.Tables} tables, {report.Rows} rows written to {report.Path} in {report.Elapsed.TotalSeconds:0.0} s";
    }

    /// <summary>The recompute an earlier run left owed, before this job reads the marts; "" when none was.</summary>
    private string FinishOwedRecompute(CancellationToken cancellation)
    {
        var owed = OwedWork.Read(warehouse);
        if (!owed.RecomputeOwed)
        {
            return "";
        }

        Log.Info($"finishing what an earlier run left owed: {owed.Describe()}");
        var report = MartRecompute.Incremental(warehouse, cancellation);
        return $"finished owed work ({owed.Describe()}): {report.MartDays} store-day(s) recomputed; ";
    }

    /// <summary>Queues the snapshot when one is owed (after <paramref name="justRan"/>, or left by an earlier run).</summary>
    private string QueueSnapshotIfOwed(RecomputeReport? justRan)
    {
        if (!SnapshotJob.IsOwed(warehouse, justRan))
        {
            return "";
        }

        if (shard is null)
        {
            queue.Enqueue<ScheduledJobs>(jobs => jobs.WriteSnapshot());
        }
        else
        {
            var name = shard;
            queue.Enqueue<ShardJobs>(jobs => jobs.WriteSnapshot(name, CancellationToken.None));
        }

        return justRan is null ? "; snapshot owed by an earlier run queued" : "; snapshot queued";
    }
}
