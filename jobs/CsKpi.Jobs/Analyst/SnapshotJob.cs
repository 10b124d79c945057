using CsKpi.Warehouse;

namespace CsKpi.Jobs;

/// <summary>
/// Writes the analyst snapshot (<see cref="AnalystSnapshot"/>): what <c>cskpi snapshot</c> runs, and what follows every
/// ingest or recompute that changed the marts. When a lake is configured, the partitions the recomputes rebuilt go
/// to the Parquet lake first (<see cref="ParquetLake"/>): the snapshot's <c>lake.*</c> views read it, and the lake
/// follows the snapshot's rule — only numbers that passed the checks leave the warehouse.
/// </summary>
public static class SnapshotJob
{
    public static SnapshotReport Run(WarehouseDatabase warehouse, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        // A kill between the two leaves the snapshot owed, and with it the next run's lake write (which finds the
        // partitions this one swapped in no longer owed, and any it did not still owed).
        var lake = ParquetLake.WriteOwed(warehouse, cancellation);
        return AnalystSnapshot.Write(warehouse, cancellation: cancellation) with { Lake = lake };
    }

    /// <summary>
    /// Whether a recompute is one analysts should see (interfaces.md: "after each successful load and recompute"): it
    /// ran (something was loaded or rebuilt) and every check passed. Numbers that failed a check stay out of the snapshot.
    /// </summary>
    public static bool Follows(RecomputeReport? recompute) => recompute is { Failures.Count: 0 };

    /// <summary>
    /// Whether a snapshot is owed now: after <paramref name="justRan"/> when it passed its checks, or — when this run
    /// recomputed nothing — because an earlier run's recompute never reached the snapshot (killed first), provided the
    /// checks pass now. The checks run again in that case: a killed run never told whether they passed.
    /// </summary>
    public static bool IsOwed(WarehouseDatabase warehouse, RecomputeReport? justRan)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        if (justRan is { Failures.Count: > 0 } || warehouse.IsInMemory || !OwedWork.Read(warehouse).SnapshotOwed)
        {
            return false;
        }

        if (justRan is not null)
        {
            return true;
        }

        using var connection = warehouse.OpenConnection();
        return WarehouseChecks.Run(connection).Count == 0;
    }

    /// <summary>Writes the snapshot when <see cref="IsOwed"/>; null when none was owed.</summary>
    public static SnapshotReport? WriteIfOwed(WarehouseDatabase warehouse, RecomputeReport? justRan, CancellationToken cancellation = default) =>
        IsOwed(warehouse, justRan) ? Run(warehouse, cancellation) : null;
}
