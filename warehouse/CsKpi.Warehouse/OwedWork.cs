using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>
/// Work a committed load or recompute owes that a crash may have cut short (sql/etl/owed_work.sql). It is durable
/// state, not a flag in memory: loads newer than the last recompute's <c>through_file_id</c>, settings changed since
/// that recompute began, and a recompute newer than the analyst snapshot. Only the transaction that does the work
/// consumes it, so every later run — <c>cskpi ingest</c>, <c>cskpi recompute</c>, a scheduled job, the site's start —
/// can finish it.
/// </summary>
/// <param name="LoadsNotRecomputed">Loaded inbox files whose days the marts have not recomputed.</param>
/// <param name="SettingsChanged">Settings, scorecard and career changes made since the last recompute began.</param>
/// <param name="SnapshotOwed">A recompute is newer than the analyst snapshot, or the snapshot file is missing.</param>
public sealed record OwedWork(long LoadsNotRecomputed, long SettingsChanged, bool SnapshotOwed)
{
    public static readonly OwedWork None = new(0, 0, false);

    public bool RecomputeOwed => LoadsNotRecomputed > 0 || SettingsChanged > 0;

    public bool Any => RecomputeOwed || SnapshotOwed;

    /// <summary>What the warehouse owes now; the snapshot counts as owed when its file beside the warehouse is gone.</summary>
    public static OwedWork Read(WarehouseDatabase warehouse)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return Read(connection, warehouse.IsInMemory ? null : warehouse.AnalystSnapshotPath);
    }

    public static OwedWork Read(DuckDBConnection connection, string? snapshotPath)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = connection.QuerySingle<(long Loads, long Settings, long? LastRecompute, long? SnapshotRecompute, long Snapshots)>(
            SqlScripts.Get("etl/owed_work.sql"));
        var snapshotOwed = row.LastRecompute is { } last
            && (row.Snapshots == 0 || (row.SnapshotRecompute ?? 0) < last || (snapshotPath is not null && !File.Exists(snapshotPath)));
        return new OwedWork(row.Loads, row.Settings, snapshotOwed);
    }

    /// <summary>In words, for the command line and the logs; empty when nothing is owed.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (LoadsNotRecomputed > 0)
        {
            parts.Add($"{LoadsNotRecomputed} loaded file{(LoadsNotRecomputed == 1 ? "" : "s")} not yet recomputed into the marts");
        }

        if (SettingsChanged > 0)
        {
            parts.Add($"{SettingsChanged} settings change{(SettingsChanged == 1 ? "" : "s")} not yet recomputed");
        }

        if (SnapshotOwed)
        {
            parts.Add("the analyst snapshot is older than the marts");
        }

        return string.Join("; ", parts);
    }
}
