using CsKpi.Etl;
using CsKpi.Warehouse;
using Hangfire;

namespace CsKpi.Jobs.Scheduling;

/// <summary>
/// What Hangfire runs, in the process that owns the warehouse. Each method is thin — it calls the same job code as
/// <c>cskpi</c> — takes no arguments that could go stale in a queue, never overlaps with itself
/// (<see cref="DisableConcurrentExecutionAttribute"/>), and is safe to retry: ingests are keyed by file content,
/// recomputes rebuild whole days, the snapshot replaces a file whole.
/// </summary>
public sealed class ScheduledJobs(WarehouseDatabase warehouse, EtlOptions etl, IBackgroundJobClient queue)
{
    /// <summary>Longer than any run we have measured (a 10-million-message ingest and recompute); a second start waits, then fails and retries.</summary>
    private const int OverlapWaitSeconds = 60 * 60;

    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string IngestInbox(CancellationToken cancellation)
    {
        var result = IngestJob.Run(warehouse, etl, cancellation);
        var loaded = result.Files.Count(f => f.Report.Outcome == FileOutcome.Loaded);
        if (SnapshotJob.Follows(result.Recompute))
        {
            queue.Enqueue<ScheduledJobs>(jobs => jobs.WriteSnapshot());
        }

        // The return value is what the Hangfire dashboard shows for the run.
        return $"{etl.Inbox}: {result.Files.Count} new file(s), {loaded} loaded, {result.Touched.StoreDays} store-day(s) touched"
            + (result.Recompute is { } r ? $", {r.MartDays} store-day(s) recomputed" : "");
    }

    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string RecomputeProvisional()
    {
        if (ProvisionalRecomputeJob.Run(warehouse) is not { } report)
        {
            return "no provisional day";
        }

        if (SnapshotJob.Follows(report))
        {
            queue.Enqueue<ScheduledJobs>(jobs => jobs.WriteSnapshot());
        }

        return $"{report.MartDays} store-day(s) recomputed in {report.Elapsed.TotalSeconds:0.0} s";
    }

    /// <summary>The review of the half that has just ended (career.md); a rerun refreshes only pending proposals.</summary>
    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string ReviewHalf()
    {
        var result = HalfReviewJob.Run(warehouse, JobSchedule.StoreToday());
        return $"{result.Half}: {result.Pending} pending proposal(s), {result.Decided} already decided";
    }

    /// <summary>Last whole week's receptions picked for quality review; a rerun picks the same ones.</summary>
    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string SampleChats()
    {
        var result = Planning.ChatSamplingJob.Run(warehouse, Planning.ChatSamplingJob.LastWholeWeek(JobSchedule.StoreToday()));
        return $"week of {result.WeekStart:yyyy-MM-dd}: {result.Picked} reception(s) picked for {result.AgentsSampled} agent(s)";
    }

    [DisableConcurrentExecution(OverlapWaitSeconds)]
    [AutomaticRetry(Attempts = 3)]
    public string WriteSnapshot()
    {
        var report = SnapshotJob.Run(warehouse);
        return $"{report.Tables} tables, {report.Rows} rows written to {report.Path} in {report.Elapsed.TotalSeconds:0.0} s";
    }
}
