using System.Diagnostics;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Warehouse;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Jobs.Tests.Analyst;

public sealed class SnapshotTests(SnapshotBed bed) : IClassFixture<SnapshotBed>
{
    [Fact]
    public void The_snapshot_holds_every_core_and_mart_table_and_view_with_its_rows_and_comments_and_nothing_else()
    {
        var live = bed.Cli.Query<(string Schema, string Table, string? Comment)>("""
            select schema_name, table_name, comment from duckdb_tables() where schema_name in ('core', 'marts')
            union all
            select schema_name, view_name, comment from duckdb_views() where schema_name in ('core', 'marts') and not internal
            order by all
            """);
        var liveRows = bed.Cli.Query<(string, string, long)>("""
            select schema_name, table_name, estimated_size from duckdb_tables() where schema_name in ('core', 'marts') order by all
            """);
        var copied = bed.Rows("""
            select schema_name, table_name, comment from duckdb_tables() where schema_name <> 'main' order by all
            """).Select(r => ((string)r[0]!, (string)r[1]!, (string?)r[2])).ToList();
        var copiedRows = bed.Rows("""
            select schema_name, table_name, estimated_size from duckdb_tables() where schema_name <> 'main' order by all
            """).Select(r => ((string)r[0]!, (string)r[1]!, Convert.ToInt64(r[2]))).ToList();

        Assert.Equal(live, copied);
        Assert.Contains(liveRows, t => t.Item2 == "kpi_agent_daily" && t.Item3 > 0);
        Assert.All(liveRows, t => Assert.Contains(t, copiedRows));
        // No users, settings, audit, raw loads or ledger.
        Assert.Empty(bed.Rows("select * from duckdb_tables() where schema_name in ('app', 'raw', 'etl')"));
        Assert.Empty(bed.Rows("select * from duckdb_schemas() where schema_name in ('app', 'raw', 'etl')"));
    }

    [Fact]
    public void Every_column_keeps_its_comment_for_the_data_dictionary()
    {
        var live = bed.Cli.Query<(string, string, string, string?)>("""
            select schema_name, table_name, column_name, comment from duckdb_columns()
            where schema_name in ('core', 'marts') order by all
            """);
        var copied = bed.Rows("""
            select schema_name, table_name, column_name, comment from duckdb_columns()
            where schema_name in ('core', 'marts') order by all
            """).Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!, (string?)r[3])).ToList();

        Assert.Equal(live, copied);
        Assert.DoesNotContain(copied, c => c.Item4 is null);
    }

    [Fact]
    public void The_period_macros_answer_as_in_the_warehouse()
    {
        const string Month = """
            select agent_id, period, received_buyers, final_conversion
            from marts.kpi_agent_period('month', date '2000-01-01', date '2100-12-31') order by all
            """;
        var live = bed.Cli.Query<(string, string, long, double?)>(Month);
        var copied = bed.Rows(Month).Select(r => ((string)r[0]!, (string)r[1]!, Convert.ToInt64(r[2]), (double?)r[3])).ToList();

        Assert.NotEmpty(live);
        Assert.Equal(live, copied);
        Assert.NotEmpty(bed.Rows("select * from marts.agent_ranking('month', date '2000-01-01', date '2100-12-31')"));
    }

    [Fact]
    public void Snapshot_info_says_how_far_the_warehouse_had_loaded()
    {
        var info = bed.Rows("select last_file_id, schema_version from snapshot_info").Single();

        Assert.Equal(bed.Cli.Scalar<long>("select max(file_id) from etl.file_ledger where outcome = 'loaded'"), Convert.ToInt64(info[0]));
        Assert.Equal(bed.Cli.Scalar<int>("select max(version) from main.schema_version"), Convert.ToInt32(info[1]));
    }
}

/// <summary>Replacing the snapshot and reading it from elsewhere; each test has its own warehouse, as each changes it.</summary>
public sealed class SnapshotReplacementTests : IDisposable
{
    private readonly SnapshotBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void A_reader_holding_the_old_snapshot_keeps_reading_it_and_the_next_reader_gets_the_new_one()
    {
        using var reader = new DuckDBConnection($"Data Source={bed.Snapshot};ACCESS_MODE=READ_ONLY");
        reader.Open();
        var before = reader.ExecuteScalar<long>("select count(*) from kpi_agent_daily");
        bed.Cli.Query<long>("delete from marts.kpi_agent_daily where business_day = (select max(business_day) from marts.kpi_agent_daily) returning 1");
        var after = bed.Cli.Scalar<long>("select count(*) from marts.kpi_agent_daily");
        Assert.True(after < before);

        var written = bed.Cli.Run("snapshot", "--warehouse", bed.Cli.Warehouse);

        Assert.Equal(0, written.Exit);
        Assert.Contains("analyst snapshot written", written.Out, StringComparison.Ordinal);
        Assert.Equal(before, reader.ExecuteScalar<long>("select count(*) from kpi_agent_daily"));
        reader.Close();
        Assert.Equal(after, Convert.ToInt64(bed.Rows("select count(*) from kpi_agent_daily").Single()[0]));
    }

    [Fact]
    public void A_write_cut_short_leaves_nothing_the_next_write_does_not_clear()
    {
        var leftover = bed.Snapshot + ".0123456789abcdef.writing";
        File.WriteAllText(leftover, "half a snapshot");
        File.WriteAllText(leftover + ".wal", "its log");

        Assert.Equal(0, bed.Cli.Run("snapshot", "--warehouse", bed.Cli.Warehouse).Exit);

        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(leftover + ".wal"));
        Assert.Equal([bed.Snapshot], Directory.GetFiles(Path.GetDirectoryName(bed.Snapshot)!, "analyst.duckdb*"));
    }

    [Fact]
    public async Task A_second_process_queries_the_snapshot_while_this_one_holds_the_warehouse()
    {
        using var held = WarehouseDatabase.Open(new WarehouseOptions(bed.Cli.Warehouse));
        var rows = held.OpenConnection().ExecuteScalar<long>("select count(*) from marts.kpi_agent_daily");

        var query = await RunChild("sql", "select count(*) as n from kpi_agent_daily", "--format", "csv", "--warehouse", bed.Cli.Warehouse);
        var ingest = await RunChild("ingest", "--inbox", bed.Cli.Inbox, "--warehouse", bed.Cli.Warehouse);

        Assert.True(query.Exit == 0, query.ToString());
        Assert.Equal($"n\r\n{rows}\r\n", query.Out);
        // The live file is refused at once, naming this process and the snapshot as the way to read meanwhile.
        Assert.True(ingest.Exit == 1, ingest.ToString());
        Assert.Contains($"PID {Environment.ProcessId}", ingest.Error, StringComparison.Ordinal);
        Assert.Contains(bed.Snapshot, ingest.Error, StringComparison.Ordinal);
    }

    private static async Task<CliResult> RunChild(params string[] args)
    {
        using var child = Process.Start(CskpiProcess.StartInfo(args))!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await child.WaitForExitAsync(patience.Token);
        return new CliResult(child.ExitCode, await output, await error);
    }
}
