using CsKpi.Warehouse;

namespace CsKpi.Jobs;

/// <summary>
/// Writes the analyst snapshot (<see cref="AnalystSnapshot"/>): what <c>cskpi snapshot</c> runs, and what follows every
/// ingest or recompute that changed the marts.
/// </summary>
public static class SnapshotJob
{
    public static SnapshotReport Run(WarehouseDatabase warehouse) => AnalystSnapshot.Write(warehouse);

    /// <summary>
    /// Whether a recompute is one analysts should see (interfaces.md: "after each successful load and recompute"): it
    /// ran (something was loaded or rebuilt) and every check passed. Numbers that failed a check stay out of the snapshot.
    /// </summary>
    public static bool Follows(RecomputeReport? recompute) => recompute is { Failures.Count: 0 };
}
