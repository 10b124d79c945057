using System.Diagnostics;
using CsKpi.Warehouse;
using Xunit.Abstractions;

namespace CsKpi.Jobs.Tests.Analyst;

/// <summary>
/// The sandbox list: each way out is refused with a message an analyst can act on, and leaves the snapshot
/// (and the machine) as it was.
/// </summary>
public sealed class SandboxTests(SnapshotBed bed, ITestOutputHelper output) : IClassFixture<SnapshotBed>
{
    [Fact]
    public void A_query_reads_the_marts_by_their_bare_names_and_by_schema()
    {
        var bare = bed.Rows("select count(*) from kpi_agent_daily");
        var qualified = bed.Rows("select count(*) from marts.kpi_agent_daily");
        var live = bed.Cli.Scalar<long>("select count(*) from marts.kpi_agent_daily");

        Assert.True(live > 0);
        Assert.Equal(live, Convert.ToInt64(bare.Single()[0]));
        Assert.Equal(live, Convert.ToInt64(qualified.Single()[0]));
    }

    [Theory]
    [InlineData("select * from read_text('/etc/passwd')")]
    [InlineData("select * from read_csv('/etc/passwd')")]
    [InlineData("select * from read_parquet('/etc/passwd')")]
    [InlineData("select * from read_json('/etc/passwd')")]
    [InlineData("select * from glob('/etc/*')")]
    [InlineData("select * from sniff_csv('/etc/passwd')")]
    [InlineData("select * from '/etc/passwd.csv'")]
    public void Reading_a_file_of_the_machine_is_refused(string query)
    {
        var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows(query));

        Assert.Contains("cannot reach files", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("copy kpi_agent_daily to '{0}/copied.csv'", "COPY")]
    [InlineData("copy (select 1) to '{0}/copied.csv'", "COPY")]
    [InlineData("export database '{0}/exported'", "EXPORT")]
    [InlineData("attach '{0}/other.duckdb' as other", "ATTACH")]
    [InlineData("attach ':memory:' as scratch", "ATTACH")]
    [InlineData("install httpfs", "INSTALL")]
    [InlineData("load httpfs", "LOAD")]
    [InlineData("set memory_limit = '64GB'", "SET")]
    [InlineData("set enable_external_access = true", "SET")]
    [InlineData("reset memory_limit", "RESET")]
    [InlineData("pragma enable_profiling", "PRAGMA")]
    [InlineData("create table marts.stolen as select 1 as x", "CREATE")]
    [InlineData("create temp table scratch as select 1 as x", "CREATE")]
    [InlineData("insert into marts.kpi_agent_daily select * from marts.kpi_agent_daily", "INSERT")]
    [InlineData("update marts.kpi_agent_daily set received_buyers = 0", "UPDATE")]
    [InlineData("delete from marts.kpi_agent_daily", "DELETE")]
    [InlineData("drop table marts.kpi_agent_daily", "DROP")]
    [InlineData("checkpoint", "CHECKPOINT")]
    [InlineData("  -- a comment first\n  DELETE from marts.kpi_agent_daily", "DELETE")]
    public void Statements_that_change_or_reach_outside_are_refused_and_change_nothing(string statement, string keyword)
    {
        var scratch = Path.Combine(bed.Cli.Root, "scratch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        var before = bed.Fingerprint();
        var rows = bed.Rows("select count(*) from kpi_agent_daily").Single()[0];

        var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows(string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, scratch)));

        Assert.Contains($"{keyword} statements are refused", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, bed.Fingerprint());
        Assert.Equal(rows, bed.Rows("select count(*) from kpi_agent_daily").Single()[0]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
        Assert.Equal("false", bed.Rows("select current_setting('enable_external_access')::varchar").Single()[0]);
    }

    [Fact]
    public void Two_statements_in_one_text_are_refused_even_when_both_only_read()
    {
        var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows("select 1; select 2"));

        Assert.Equal("Run one statement at a time; this text holds 2.", refused.Message);
    }

    [Fact]
    public void A_read_followed_by_a_write_is_refused_as_a_whole()
    {
        var before = bed.Fingerprint();

        var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows("select 1; drop table marts.kpi_agent_daily"));

        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, bed.Fingerprint());
    }

    [Fact]
    public void The_sandbox_settings_are_locked_even_against_functions_that_set_them()
    {
        var options = bed.Rows("""
            select current_setting('enable_external_access')::varchar, current_setting('lock_configuration')::varchar,
                   current_setting('access_mode')::varchar
            """).Single();

        Assert.Equal(["false", "true", "read_only"], options.Select(o => (string)o!).ToArray());
    }

    [Fact]
    public void A_query_past_the_time_limit_is_interrupted_with_a_clear_message()
    {
        var clock = Stopwatch.StartNew();

        var stopped = Assert.Throws<SqlSandboxException>(() =>
            bed.Rows("select count(*) from range(100000000000) a", new SandboxOptions { TimeLimit = TimeSpan.FromSeconds(1) }));

        Assert.Contains("ran past the time limit of 1 s and was stopped", stopped.Message, StringComparison.Ordinal);
        // Interrupted, not run to the end (which would take minutes).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the query was stopped only after {clock.Elapsed}");
        Assert.Single(bed.Rows("select 1"));
    }

    [Fact]
    public void A_query_past_the_memory_limit_fails_with_a_clear_message()
    {
        var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows(
            "select list(i::varchar || repeat('x', 100)) from range(10000000) t(i)",
            new SandboxOptions { MemoryLimit = "64MB" }));

        Assert.Contains("more memory than the sandbox allows", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typo_gets_duckdbs_own_explanation()
    {
        var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows("selec 1"));

        Assert.Contains("does not parse", refused.Message, StringComparison.Ordinal);
        Assert.Contains("syntax error", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Describe_show_and_summarize_are_queries_too()
    {
        Assert.NotEmpty(bed.Rows("describe kpi_agent_daily"));
        Assert.NotEmpty(bed.Rows("show tables"));
        Assert.NotEmpty(bed.Rows("summarize select received_buyers from kpi_agent_daily"));
    }

    /// <summary>
    /// DuckDB's memory_limit does not count the strings a query builds: this one asked the site's process for 4 GB and
    /// held 6.3 GB. It now fails in the sandbox's own process, and this process grows by less than 512 MB meanwhile.
    /// </summary>
    [Theory]
    [InlineData("select length(repeat('x', 3000000000))")]
    [InlineData("select len(range(3000000000))")]
    [InlineData("with recursive t(s, n) as (select 'xx', 1 union all select s || s, n + 1 from t where n < 40) select max(length(s)) from t")]
    public void A_query_that_builds_huge_values_fails_in_its_own_process_and_this_one_stays_bounded(string query)
    {
        SqlSandboxException? refused = null;
        var growth = PeakGrowth(() => refused = Assert.Throws<SqlSandboxException>(() => bed.Rows(query)));

        output.WriteLine($"this process grew by {growth / 1024.0 / 1024:0.0} MB; {refused!.Message}");
        Assert.Contains("more memory than the sandbox allows", refused.Message, StringComparison.Ordinal);
        Assert.True(growth < 512L * 1024 * 1024, $"this process grew by {growth / 1024 / 1024} MB while the query ran");
        Assert.Single(bed.Rows("select 1"));
    }

    [Fact]
    public void A_row_larger_than_the_cap_is_refused_rather_than_handed_over()
    {
        var refused = Assert.Throws<SqlSandboxException>(() => bed.Rows("select 1 as n, repeat('x', 1000000) as big"));

        Assert.Contains("Row 1 holds more than 256 KB (column big)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_name_no_folder_of_the_server()
    {
        var folders = bed.Rows("""
            select name, value from duckdb_settings()
            where name in ('temp_directory', 'secret_directory', 'extension_directory', 'home_directory', 'log_query_path')
            """);
        var temp = (string)bed.Rows("select current_setting('temp_directory')").Single()[0]!;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(5, folders.Count);
        Assert.All(folders, setting =>
        {
            var value = setting[1] as string ?? "";
            Assert.False(Path.IsPathRooted(value), $"{setting[0]} shows {value}");
            Assert.DoesNotContain(bed.Cli.Root, value, StringComparison.Ordinal);
        });
        Assert.Equal("analyst.duckdb.tmp", temp);
        Assert.DoesNotContain(home, string.Join(' ', folders.Select(f => f[1])), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_spills_to_disk()
    {
        Assert.Equal("0 bytes", bed.Rows("select current_setting('max_temp_directory_size')::varchar").Single()[0]);
    }

    private static long PeakGrowth(Action action)
    {
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var baseline = self.WorkingSet64;
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                Thread.Sleep(20);
            }
        });
        try
        {
            action();
        }
        finally
        {
            stop.Cancel();
            sampler.Wait();
        }

        return peak - baseline;
    }
}
