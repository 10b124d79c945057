using CsKpi.Warehouse;

namespace CsKpi.Jobs;

/// <summary>
/// Writes the analyst snapshot (<see cref="AnalystSnapshot"/>): what <c>cskpi snapshot</c> runs, and what the scheduler
/// runs after every ingest that loaded something.
/// </summary>
public static class SnapshotJob
{
    public static SnapshotReport Run(WarehouseDatabase warehouse) => AnalystSnapshot.Write(warehouse);
}
