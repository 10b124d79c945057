using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// A process killed before DuckDB checkpoints leaves its committed work in the WAL, which the next open replays.
/// DuckDB 1.5.6 cannot replay an ALTER (COMMENT ON COLUMN, ADD COLUMN, …) of a table whose column has an expression
/// default (<c>nextval(…)</c>, <c>current_timestamp</c>, even <c>1 + 1</c>): the open fails with "Calling
/// DatabaseManager::GetDefaultDatabase with no default database set" and the file cannot be opened again. Our
/// migrations do exactly that, so a kill during the first ingest of a new warehouse bricked it. These tests take the
/// file and its WAL as a kill would leave them (copied while the warehouse is open) and open the copy.
/// </summary>
public sealed class WalReplayTests : IDisposable
{
    private const string ReplayFailure = "GetDefaultDatabase with no default database set";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// The DuckDB defect itself, in its smallest form (docs/operations.md). When an upgrade of DuckDB.NET makes this
    /// fail, DuckDB has fixed it: say so in the docs; the workaround may stay, it costs little.
    /// </summary>
    [Fact]
    public void DuckDB_cannot_replay_a_column_comment_on_a_table_with_an_expression_default()
    {
        var path = temp.File("defect.duckdb");
        using (var connection = new DuckDBConnection("Data Source=" + path))
        {
            connection.Open();
            connection.Execute("create table t (id bigint default 1 + 1, b varchar); comment on column t.b is 'x'");
            CopyAsAKillLeavesIt(path, temp.File("killed.duckdb"));
        }

        var error = Assert.ThrowsAny<DuckDBException>(() => OpenRaw(temp.File("killed.duckdb")));
        Assert.Contains(ReplayFailure, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_warehouse_killed_right_after_its_migrations_opens_again()
    {
        var path = temp.File("new.duckdb");
        using (WarehouseDatabase.Open(new WarehouseOptions(path)))
        {
            CopyAsAKillLeavesIt(path, temp.File("killed.duckdb"));
        }

        using var reopened = OpenRaw(temp.File("killed.duckdb"));
        Assert.Equal(MigrationRunner.Embedded[^1].Version, MigrationRunner.CurrentVersion(reopened));
    }

    [Fact]
    public void An_upgrade_that_alters_a_table_with_an_expression_default_survives_a_kill()
    {
        var path = temp.File("old.duckdb");
        using (WarehouseDatabase.Open(new WarehouseOptions(path)))
        {
        }

        var next = MigrationRunner.Embedded[^1].Version + 1;
        var alter = new Migration(next, "ledger_probe",
            "alter table etl.file_ledger add column upgrade_probe varchar; comment on column etl.file_ledger.upgrade_probe is '升级探针'");
        using (WarehouseDatabase.Open(new WarehouseOptions(path), [.. MigrationRunner.Embedded, alter]))
        {
            CopyAsAKillLeavesIt(path, temp.File("killed.duckdb"));
        }

        using var reopened = OpenRaw(temp.File("killed.duckdb"));
        Assert.Equal(next, MigrationRunner.CurrentVersion(reopened));
        Assert.Equal(0, reopened.ExecuteScalar<long>("select count(upgrade_probe) from etl.file_ledger"));
    }

    /// <summary>
    /// Every open re-creates the macros and views on the live file and then checkpoints; a kill in between leaves
    /// their create-or-replace in the WAL, which must replay (they are not ALTERs of a table).
    /// </summary>
    [Fact]
    public void A_warehouse_killed_while_its_definitions_are_recreated_opens_again()
    {
        var path = temp.File("current.duckdb");
        WarehouseDatabase.Open(new WarehouseOptions(path)).Dispose();

        using (var connection = OpenRaw(path))
        {
            // What an open of a current file does before its checkpoint.
            Assert.Empty(MigrationRunner.ForEmbedded().Apply(connection));
            Assert.True(new FileInfo(path + ".wal").Length > 0);
            CopyAsAKillLeavesIt(path, temp.File("killed.duckdb"));
        }

        using var reopened = OpenRaw(temp.File("killed.duckdb"));
        Assert.Equal(0.5, reopened.ExecuteScalar<double>("select marts.ratio(1, 2)"));
        Assert.Equal(0, reopened.ExecuteScalar<long>("select count(*) from marts.bonus_monthly"));
    }

    [Fact]
    public void A_migration_that_fails_on_a_new_file_leaves_no_half_built_warehouse()
    {
        var path = temp.File("new.duckdb");
        var broken = new Migration(MigrationRunner.Embedded[^1].Version + 1, "broken", "select * from no_such_table");

        Assert.Throws<InvalidOperationException>(() => WarehouseDatabase.Open(new WarehouseOptions(path), [.. MigrationRunner.Embedded, broken]));

        // Whatever is at the path opens, and the build without the broken migration brings it to its version.
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(path));
        using var connection = warehouse.OpenConnection();
        Assert.Equal(MigrationRunner.Embedded[^1].Version, MigrationRunner.CurrentVersion(connection));
        Assert.Empty(Directory.EnumerateFiles(temp.Path, "*.migrating*"));
    }

    /// <summary>The file and its WAL as they are on disk now: what kill -9 at this instant would leave.</summary>
    private static void CopyAsAKillLeavesIt(string path, string copy)
    {
        File.Copy(path, copy);
        if (File.Exists(path + ".wal"))
        {
            File.Copy(path + ".wal", copy + ".wal");
        }
    }

    /// <summary>Plain DuckDB.NET, not <see cref="WarehouseDatabase"/>: how any other client would open the file.</summary>
    private static DuckDBConnection OpenRaw(string path)
    {
        var connection = new DuckDBConnection("Data Source=" + path);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
