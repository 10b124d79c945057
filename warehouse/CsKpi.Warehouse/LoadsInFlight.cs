using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>
/// The file loads of this process that have begun and not yet committed or given up, so that a recompute records as
/// done only ledger ids below all of them. An ingest loads files of different kinds side by side (InboxLoader); each
/// takes its ledger id from <c>etl.file_id_seq</c> inside its own transaction, and they commit in any order. A recompute
/// that recorded the highest committed id (<c>etl.recompute_run.through_file_id</c>) while a lower one was still loading
/// would never recompute that file's days: the next run starts above it.
/// </summary>
public sealed class LoadsInFlight
{
    private readonly Lock gate = new();
    private readonly List<long> floors = [];

    /// <summary>
    /// A load begins: every ledger id it takes from now on is above the highest committed one, which it keeps as its
    /// floor until disposed (after its commit or rollback).
    /// </summary>
    public IDisposable Begin(DuckDBConnection connection)
    {
        lock (gate)
        {
            var floor = HighestCommitted(connection);
            floors.Add(floor);
            return new Ended(this, floor);
        }
    }

    /// <summary>
    /// The highest ledger id at or below which every load has committed: the highest committed id, held below the
    /// floor of any load still running. Read under the same lock as <see cref="Begin"/>, so that no load can take an
    /// id between the two reads unseen.
    /// </summary>
    public long Through(DuckDBConnection connection)
    {
        lock (gate)
        {
            var highest = HighestCommitted(connection);
            return floors.Count == 0 ? highest : Math.Min(highest, floors.Min());
        }
    }

    private static long HighestCommitted(DuckDBConnection connection) =>
        connection.ExecuteScalar<long?>("select max(file_id) from etl.file_ledger") ?? 0;

    private sealed class Ended(LoadsInFlight loads, long floor) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            lock (loads.gate)
            {
                if (!disposed)
                {
                    loads.floors.Remove(floor);
                    disposed = true;
                }
            }
        }
    }
}
