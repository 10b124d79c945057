using CsKpi.Warehouse;

namespace CsKpi.Jobs.Tests.Analyst;

/// <summary>
/// With a lake configured, the snapshot job writes the Parquet lake before the snapshot, the snapshot carries views
/// <c>lake.*</c> over it, and the SQL sandbox reads them — the lake's folder and still no other file.
/// </summary>
public sealed class LakeSandboxTests(SnapshotBed bed) : IClassFixture<SnapshotBed>
{
    [Fact]
    public void The_analyst_sql_reads_the_lake_views_and_still_no_other_file()
    {
        var lake = Path.Combine(bed.Cli.Root, "lake");
        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(bed.Cli.Warehouse) { LakePath = lake }))
        {
            var report = SnapshotJob.Run(warehouse);
            Assert.NotNull(report.Lake);
            Assert.True(report.Lake!.Rows > 0);
        }

        var live = bed.Cli.Scalar<long>("select count(*) from marts.kpi_agent_daily");
        var sales = bed.Cli.Scalar<double>("select sum(sales_amount)::double from marts.kpi_agent_daily");
        var options = SandboxOptions.Default with { LakeDirectory = lake };

        var rows = bed.Rows("select count(*), sum(sales_amount)::double, count(distinct store) from lake.kpi_agent_daily", options).Single();

        Assert.Equal(live, Convert.ToInt64(rows[0]));
        Assert.Equal(sales, Convert.ToDouble(rows[1]), 6);
        Assert.Equal(1L, Convert.ToInt64(rows[2]));
        // the lake by its files is the lake too
        Assert.Equal(live, Convert.ToInt64(bed.Rows($"select count(*) from read_parquet('{ParquetLake.Glob(lake, "kpi_agent_daily")}')", options).Single()[0]));

        // Every other file stays out of reach, the lake's neighbours included, and the settings stay locked.
        foreach (var query in new[]
        {
            "select * from read_csv('/etc/passwd')",
            $"select * from read_text('{Path.Combine(lake, "..", Path.GetFileName(bed.Cli.Warehouse))}')",
            "select * from glob('/etc/*')",
        })
        {
            var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows(query, options));
            Assert.Contains("cannot reach files", refused.Message, StringComparison.Ordinal);
        }

        Assert.Throws<SqlSandboxException>(() => bed.Rows("set enable_external_access = true", options));

        // A sandbox not told of the lake cannot read it either.
        Assert.Throws<SqlSandboxException>(() => bed.Rows("select count(*) from lake.kpi_agent_daily"));
    }
}
