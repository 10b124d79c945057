using CsKpi.Warehouse;

namespace CsKpi.Jobs;

/// <summary>What <see cref="OwedWorkJob.Finish"/> found owed and did about it.</summary>
/// <param name="Recompute">The recompute of the owed loads and settings; null when none was owed.</param>
/// <param name="Snapshot">The owed analyst snapshot; null when none was owed or the checks held it back.</param>
public sealed record OwedWorkResult(OwedWork Found, RecomputeReport? Recompute, SnapshotReport? Snapshot)
{
    /// <summary>One line for the command line, a log or the jobs dashboard; null when nothing was owed.</summary>
    public string? Describe()
    {
        if (!Found.Any)
        {
            return null;
        }

        var done = new List<string>();
        if (Recompute is { } recompute)
        {
            done.Add($"recomputed {recompute.MartDays} store-day(s)" + (recompute.Failures.Count == 0 ? "" : $", {recompute.Failures.Count} check(s) FAILED"));
        }

        if (Snapshot is not null)
        {
            done.Add("wrote the analyst snapshot");
        }
        else if (Found.SnapshotOwed || Recompute is not null)
        {
            done.Add("the analyst snapshot waits for the checks to pass");
        }

        return $"finished work an earlier run left owed ({Found.Describe()}): {string.Join(", ", done)}";
    }
}

/// <summary>
/// Finishes what a killed or stopped run left owed (<see cref="OwedWork"/>): the recompute of loads and settings the
/// marts have not seen, then the analyst snapshot. Every way in runs it before its own work: the site's start, every
/// scheduled job, <c>cskpi recompute</c>; <c>cskpi ingest</c> folds it into its own recompute.
/// </summary>
public static class OwedWorkJob
{
    public static OwedWorkResult Finish(WarehouseDatabase warehouse, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        // A snapshot a kill cut short left a *.writing file and no etl.snapshot_run row: it is owed, and writing it
        // removes the leftover.
        var owed = OwedWork.Read(warehouse);
        if (!owed.Any)
        {
            return new OwedWorkResult(owed, null, null);
        }

        var recompute = owed.RecomputeOwed ? MartRecompute.Incremental(warehouse, cancellation) : null;
        var snapshot = SnapshotJob.WriteIfOwed(warehouse, recompute, cancellation);
        return new OwedWorkResult(owed, recompute, snapshot);
    }
}
