using System.Text.Json;

namespace CsKpi.Jobs.Tests.Analyst;

/// <summary><c>cskpi sql</c>: the three formats, the limits, and its messages.</summary>
public sealed class SqlCommandTests(SnapshotBed bed) : IClassFixture<SnapshotBed>
{
    private Support.CliResult Sql(params string[] args) => bed.Cli.Run(["sql", .. args, "--warehouse", bed.Cli.Warehouse]);

    [Fact]
    public void Json_is_an_array_of_objects_with_typed_values()
    {
        var result = Sql("select count(*)::bigint as agent_days, 'a,b' as text, null as nothing, date '2026-03-01' as day, 0.5::double as half from kpi_agent_daily", "--format", "json");

        Assert.True(result.Exit == 0, result.ToString());
        var row = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Single();
        Assert.Equal(bed.Cli.Scalar<long>("select count(*) from marts.kpi_agent_daily"), row.GetProperty("agent_days").GetInt64());
        Assert.Equal("a,b", row.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("nothing").ValueKind);
        Assert.Equal("2026-03-01", row.GetProperty("day").GetString());
        Assert.Equal(0.5, row.GetProperty("half").GetDouble());
    }

    [Fact]
    public void The_json_flag_means_format_json()
    {
        Assert.Equal(Sql("select 1 as one", "--format", "json").Out, Sql("select 1 as one", "--json").Out);
    }

    [Fact]
    public void Csv_quotes_what_needs_quoting_and_keeps_chinese()
    {
        var result = Sql("select '小A' as 客服, 'say \"hi\", then go' as note, 1.5 as n", "--format", "csv");

        Assert.Equal("客服,note,n\r\n小A,\"say \"\"hi\"\", then go\",1.5\r\n", result.Out);
    }

    [Fact]
    public void Csv_writes_ratios_to_four_decimals_and_money_as_its_column_holds_it()
    {
        var result = Sql("select 0.4269576871529772::double as rate, 9175628.16::decimal(18,2) as amount, 2::double / 3 as share, "
            + "-0.00001::double as tiny, 12::double as whole", "--format", "csv");

        Assert.Equal("rate,amount,share,tiny,whole\r\n0.427,9175628.16,0.6667,0,12\r\n", result.Out);
    }

    [Fact]
    public void Csv_streams_every_row_of_a_large_result()
    {
        var result = Sql("select range as i from range(300000)", "--format", "csv");

        Assert.Equal(0, result.Exit);
        Assert.Equal(300_001, result.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_table_is_aligned_and_capped_for_a_person()
    {
        var small = Sql("select agent_name, received_buyers from kpi_agent_daily order by all limit 3");
        var large = Sql("select range from range(5000)");

        Assert.Equal(0, small.Exit);
        Assert.StartsWith("agent_name", small.Out, StringComparison.Ordinal);
        Assert.EndsWith("(3 rows)" + Environment.NewLine, small.Out, StringComparison.Ordinal);
        Assert.Contains("(1000 rows shown, more not; --format csv or json prints every row)", large.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_query_exits_1_with_the_reason_and_prints_nothing()
    {
        var result = Sql("drop table marts.kpi_agent_daily");

        Assert.Equal(1, result.Exit);
        Assert.Empty(result.Out);
        Assert.StartsWith("cskpi sql: Only queries can run here", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeout_option_sets_the_time_limit()
    {
        var result = Sql("select count(*) from range(100000000000)", "--timeout", "0.5");

        Assert.Equal(1, result.Exit);
        Assert.Contains("time limit of 0.5 s", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--timeout", "soon")]
    public void Bad_options_are_bad_usage(string option, string value)
    {
        Assert.Equal(2, Sql("select 1", option, value).Exit);
    }

    [Fact]
    public void Without_a_query_it_says_how_to_give_one()
    {
        var result = bed.Cli.Run("sql", "--format", "csv");

        Assert.Equal(2, result.Exit);
        Assert.Contains("sql needs the query as its first argument", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_snapshot_it_says_how_to_make_one()
    {
        using var empty = new Support.CliTestBed();

        var result = empty.Run("sql", "select 1", "--warehouse", empty.Warehouse);

        Assert.Equal(1, result.Exit);
        Assert.Contains("There is no analyst snapshot", result.Error, StringComparison.Ordinal);
        Assert.Contains("cskpi snapshot", result.Error, StringComparison.Ordinal);
    }
}
