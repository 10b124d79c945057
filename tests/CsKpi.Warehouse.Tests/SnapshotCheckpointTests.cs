using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// The analyst snapshot's checkpoint beside another connection's transaction. An attached database is visible to every
/// connection of the engine, and listing catalogs (<c>duckdb_tables()</c>) opens a transaction in it; until that
/// transaction ends, DuckDB refuses to checkpoint the attached file. A restart's owed snapshot failed so beside the
/// demo loader's ingest (SiteCrashTests on main, 2026-12-07), and the owed work was left undone.
/// </summary>
public sealed class SnapshotCheckpointTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly DuckDBConnection snapshot;
    private readonly DuckDBConnection other;

    public SnapshotCheckpointTests()
    {
        // Two connections of one engine (one path), as the site's snapshot job and its ingest are.
        snapshot = new DuckDBConnection("Data Source=" + folder.File("warehouse.duckdb"));
        snapshot.Open();
        other = new DuckDBConnection("Data Source=" + folder.File("warehouse.duckdb"));
        other.Open();
        snapshot.Execute("create table main.loaded as select 1 as v");
        snapshot.Execute($"attach '{folder.File("pending.duckdb")}' as {AnalystSnapshot.Catalog}");
        snapshot.Execute($"create table {AnalystSnapshot.Catalog}.copied as select 1 as v");
        // The other connection is mid-transaction (an ingest, say) and has listed the catalogs, the snapshot's included.
        other.Execute("begin transaction; insert into main.loaded values (2)");
        other.Execute("select count(*) from duckdb_tables()");
        snapshot.Execute($"create table {AnalystSnapshot.Catalog}.copied_later as select 2 as v");
    }

    public void Dispose()
    {
        other.Dispose();
        snapshot.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void DuckDB_refuses_to_checkpoint_an_attached_file_another_connection_has_listed_in_an_open_transaction()
    {
        var error = Assert.Throws<DuckDBException>(() => snapshot.Execute($"checkpoint {AnalystSnapshot.Catalog}"));

        Assert.Contains("other write transactions active", error.Message, StringComparison.Ordinal);
        other.Execute("commit");
        snapshot.Execute($"checkpoint {AnalystSnapshot.Catalog}");
    }

    [Fact]
    public async Task The_snapshot_waits_for_the_other_transaction_and_then_checkpoints()
    {
        var checkpoint = Task.Run(() => AnalystSnapshot.CheckpointWhenFree(snapshot, CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        Assert.False(checkpoint.IsCompleted, "the checkpoint finished while the other transaction was still open");
        other.Execute("commit");
        await checkpoint.WaitAsync(TimeSpan.FromSeconds(30));
        snapshot.Execute($"detach {AnalystSnapshot.Catalog}");

        Assert.False(File.Exists(folder.File("pending.duckdb.wal")) && new FileInfo(folder.File("pending.duckdb.wal")).Length > 0,
            "the snapshot kept a WAL after its checkpoint");
        using var reader = new DuckDBConnection("Data Source=" + folder.File("pending.duckdb") + ";ACCESS_MODE=READ_ONLY");
        reader.Open();
        Assert.Equal(2L, reader.ExecuteScalar<long>("select count(*) from duckdb_tables() where database_name = 'pending'"));
    }

    [Fact]
    public void A_cancelled_snapshot_stops_waiting()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAny<OperationCanceledException>(() => AnalystSnapshot.CheckpointWhenFree(snapshot, cancel.Token));
        other.Execute("commit");
    }
}
