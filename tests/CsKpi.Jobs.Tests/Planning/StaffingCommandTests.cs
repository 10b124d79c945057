using System.Text.Json;
using CsKpi.Cli;
using CsKpi.Jobs.Tests.Support;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary><c>cskpi staffing</c> in-process, on <see cref="StaffingHistory"/>'s warehouse.</summary>
public sealed class StaffingCommandTests(StaffingHistory history) : IClassFixture<StaffingHistory>
{
    private readonly string path = history.Bed.Warehouse.CanonicalPath;

    private static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    private CliResult Staffing(params string[] more) =>
        Run(["staffing", "--warehouse", path, "--from", "2026-03-02", "--to", "2026-03-03", .. more]);

    [Fact]
    public void Prints_every_input_with_its_source_the_result_the_gap_and_the_hours()
    {
        var run = Staffing("--target-sales", "10000", "--cs-share", "75%");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Empty(run.Error);
        Assert.Contains("staffing estimate for store S, history 2026-03-02 – 2026-03-03 (2 days with data)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"aov 客单价 +250 +history S, 2026-03-02 – 2026-03-03: all paid orders ÷ paying buyers", run.Out);
        Assert.Matches(@"cs share 客服占比 +75.0% +typed", run.Out);
        Assert.Matches(@"conversion 询单转化率 +37.5% +history", run.Out);
        Assert.Matches(@"max receptions 日最大接待 +3.4 +history .*90th percentile", run.Out);
        Assert.Contains("agents = 10,000 ÷ 250 × 75.0% ÷ 37.5% ÷ 3.4 = 23.53 → 24 agents (rounded up)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"today \(\d{4}-\d\d-\d\d\): \d+ active presale agents?; ", run.Out);
        Assert.Contains("handling 71.3 s ÷ 3 chats at once = 23.8 s; target 80% answered within 30.0 s", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n14:00 +2.0 +40.0 +0.3 +1 +89.6% +8.5 s\n", run.Out);
        Assert.Contains("peak: 1 agent at once", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_inputs_their_sources_and_24_hours()
    {
        var run = Staffing("--target-sales", "10000", "--json");

        Assert.True(run.Exit == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(24, root.GetProperty("agents").GetInt32());
        Assert.Equal("S", root.GetProperty("store").GetString());
        Assert.Equal(250m, root.GetProperty("inputs").GetProperty("aov").GetProperty("value").GetDecimal());
        Assert.Equal("history", root.GetProperty("inputs").GetProperty("aov").GetProperty("source").GetString());
        Assert.Equal(root.GetProperty("agents").GetInt32() - root.GetProperty("activePresaleAgents").GetInt32(), root.GetProperty("gap").GetInt32());
        var hours = root.GetProperty("hourly").GetProperty("hours");
        Assert.Equal(24, hours.GetArrayLength());
        Assert.Equal(40.0, hours[14].GetProperty("campaignArrivals").GetDouble(), 9);
    }

    [Fact]
    public void Every_input_typed_gives_the_example_from_practice()
    {
        var run = Staffing("--target-sales", "2,000,000", "--aov", "200", "--cs-share", "0.3", "--conversion", "50%",
            "--max-receptions", "300", "--json");

        Assert.True(run.Exit == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(20, json.RootElement.GetProperty("agents").GetInt32());
        foreach (var input in json.RootElement.GetProperty("inputs").EnumerateObject())
        {
            Assert.Equal("typed", input.Value.GetProperty("source").GetString());
        }
    }

    [Theory]
    [InlineData("--aov", "200")]
    [InlineData("--target-sales", "lots")]
    [InlineData("--target-sales", "0")]
    [InlineData("--target-sales", "1000", "--cs-share", "1.5")]
    [InlineData("--target-sales", "1000", "--conversion", "150%")]
    [InlineData("--target-sales", "1000", "--from", "2026-03-03", "--to", "2026-03-02")]
    [InlineData("--target-sales", "1000", "--from", "March")]
    [InlineData("--target-sales", "1000", "--bogus")]
    public void Bad_usage_exits_2_and_says_what_is_wrong(params string[] args)
    {
        var run = Run(["staffing", "--warehouse", path, .. args]);

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("cskpi: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void What_history_cannot_give_fails_with_exit_1_and_names_the_option_to_type()
    {
        var unknown = Run("staffing", "--warehouse", path, "--target-sales", "1000", "--store", "T");
        var empty = Staffing("--target-sales", "1000", "--from", "2025-01-01", "--to", "2025-01-31");

        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no store 'T' in the warehouse; it holds S", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, empty.Exit);
        Assert.Contains("type it (--aov)", empty.Error, StringComparison.Ordinal);
        Assert.Empty(empty.Out);
    }

    [Fact]
    public void Help_describes_the_options_and_the_verb_is_built()
    {
        var run = Run("staffing", "--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains("--max-receptions <M>", run.Out, StringComparison.Ordinal);
        Assert.Contains("90th percentile", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("not built yet", run.Out, StringComparison.Ordinal);
    }
}
