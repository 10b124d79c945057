using System.Collections.Concurrent;

namespace CsKpi.Warehouse;

/// <summary>
/// What must not run side by side on one warehouse in this process. The warehouse owns them
/// (<see cref="WarehouseDatabase.Locks"/>), so every project that takes one — the marts' recompute, the ETL's ingest,
/// the analyst snapshot — finds the same lock through the warehouse it works on, instead of a static of its own.
/// </summary>
public sealed class WarehouseLocks
{
    private readonly ConcurrentDictionary<string, Lock> snapshots = new(StringComparer.Ordinal);

    /// <summary>
    /// One mart recompute at a time: each reads the recompute ledger to learn what is owed, and two side by side would
    /// both take the same days and record the same run.
    /// </summary>
    public Lock Recompute { get; } = new();

    /// <summary>
    /// One ingest at a time: the "already loaded" check and the anti-joins only see committed loads, so two ingests
    /// side by side (the schedule and "run now") would load a file twice.
    /// </summary>
    public Lock Ingest { get; } = new();

    /// <summary>One write at a time to a snapshot file (a full path): the file appears whole, from one writer.</summary>
    public Lock Snapshot(string target) => snapshots.GetOrAdd(target, _ => new Lock());
}
