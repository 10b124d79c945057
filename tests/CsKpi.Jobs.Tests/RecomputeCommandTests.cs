using CsKpi.Jobs.Tests.Support;

namespace CsKpi.Jobs.Tests;

public sealed class RecomputeCommandTests : IDisposable
{
    private readonly CliTestBed bed = new(fromTemplate: true);

    private const string Numbers = """
        select string_agg(row, ';' order by row)
        from (select concat_ws('|', agent_id, business_day, received_buyers, sales_amount, final_conversion, assist_buyers) as row from marts.kpi_agent_daily)
        """;

    public void Dispose() => bed.Dispose();

    [Fact]
    public void Rebuilds_every_day_and_gives_the_numbers_ingest_computed()
    {
        bed.LoadCopy(); // Seed(badRows: 0) and a successful Ingest(), done once per run (CliTestBed.Loaded)
        var before = bed.Scalar<string>(Numbers);

        var run = bed.Run("recompute", "--warehouse", bed.Warehouse);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches(@"recomputed every day: [\d,]+ store-days in [\d.]+ s", run.Out);
        Assert.Contains("every check passed", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, bed.Scalar<string>(Numbers));
        Assert.Equal("full", bed.Scalar<string>("select mode from etl.recompute_run order by run_id desc limit 1"));
    }

    [Fact]
    public void A_range_rebuilds_only_its_days_and_json_lists_the_steps()
    {
        bed.LoadCopy(); // Seed(badRows: 0) and a successful Ingest(), done once per run (CliTestBed.Loaded)
        var day = bed.Scalar<string>("select strftime(min(business_day) + 1, '%Y-%m-%d') from marts.kpi_store_daily");

        var run = bed.Run("recompute", "--from", day, "--to", day, "--warehouse", bed.Warehouse, "--json");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("\"mode\":\"range\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"step\":\"marts/kpi_agent_daily.sql\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"failures\":[]", run.Out, StringComparison.Ordinal);
        var stores = bed.Scalar<long>("select count(distinct store_id) from marts.kpi_store_daily");
        Assert.Contains($"\"storeDays\":{stores},", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2026-02-30", "--from '2026-02-30' is not a date; expected yyyy-MM-dd")]
    [InlineData("--to", "yesterday", "--to 'yesterday' is not a date; expected yyyy-MM-dd")]
    public void A_bad_date_is_a_usage_error_that_says_what_was_expected(string option, string value, string message)
    {
        var run = bed.Run("recompute", option, value, "--warehouse", bed.Warehouse);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
