using System.Text.Json;
using CsKpi.Jobs.Tests.Support;

namespace CsKpi.Jobs.Tests.Career;

/// <summary><c>cskpi review</c>, in-process, on a warehouse the career bed filled.</summary>
public sealed class ReviewCommandTests : IDisposable
{
    private readonly CareerBed career = new();
    private readonly CliTestBed cli = new();
    private readonly string warehouse;

    public ReviewCommandTests()
    {
        career.PromotableAnd("c", 50, 50, 50, 50, 50, 50).Load();
        warehouse = career.Bed.Warehouse.CanonicalPath;
    }

    public void Dispose()
    {
        career.Dispose();
        cli.Dispose();
    }

    [Fact]
    public void Prints_the_proposals_and_each_criterion()
    {
        var run = cli.Run("review", "--half", "2026H1", "--warehouse", warehouse);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("review 2026H1: 2 proposals (2 pending, 0 decided)", run.Out, StringComparison.Ordinal);
        Assert.Contains("p p名 — promote L1 → L2, coefficient 0.90 → 0.90", run.Out, StringComparison.Ordinal);
        Assert.Contains("c c名 — coefficient 0.90 → 0.80; warning (降级预警)", run.Out, StringComparison.Ordinal);
        Assert.True(run.Out.Contains("  met      avg_score  avg ≥ 85 for L2: 90 (threshold 85)", StringComparison.Ordinal), run.Out);
        Assert.True(run.Out.Contains("  not met  warning_avg  no warning unless avg < 60: 50 (threshold 60)", StringComparison.Ordinal), run.Out);
        Assert.True(run.Out.Contains("  met      coefficient_band  avg < 70 → -0.1: 50 (threshold —) — 0.90 → 0.80, clamped to 0.80–1.00", StringComparison.Ordinal), run.Out);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Json_carries_the_proposals_with_their_criteria_and_a_rerun_prints_the_same()
    {
        var first = cli.Run("review", "--half=2026H1", "--warehouse", warehouse, "--json");
        var second = cli.Run("review", "--half=2026H1", "--warehouse", warehouse, "--json");

        Assert.True(first.Exit == 0, first.ToString());
        using var json = JsonDocument.Parse(first.Out);
        var proposals = json.RootElement.GetProperty("proposals");
        Assert.Equal(2, json.RootElement.GetProperty("pending").GetInt32());
        Assert.Equal(["c", "p"], proposals.EnumerateArray().Select(p => p.GetProperty("AgentId").GetString()).Order());
        Assert.All(proposals.EnumerateArray(), p => Assert.Equal(9, p.GetProperty("Criteria").GetArrayLength()));
        static string WithoutTimes(string output) => System.Text.RegularExpressions.Regex.Replace(output, "\"ReviewedAt\":\"[^\"]*\"", "");
        Assert.Equal(WithoutTimes(first.Out), WithoutTimes(second.Out));
    }

    [Theory]
    [InlineData("2026H3", "--half '2026H3' is not a half; write the year and H1 (January–June) or H2 (July–December), e.g. 2026H1")]
    [InlineData("2026-H1", "--half '2026-H1' is not a half")]
    [InlineData("H1", "--half 'H1' is not a half")]
    [InlineData("2099H1", "--half 2099H1 has not ended yet (it runs 2099-01-01 to 2099-06-30); its review can run from 2099-07-01.")]
    public void A_half_that_is_not_one_or_has_not_ended_is_bad_usage(string half, string message)
    {
        var run = cli.Run("review", "--half", half, "--warehouse", warehouse);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Without_a_half_or_a_warehouse_it_says_what_is_missing()
    {
        var noHalf = cli.Run("review", "--warehouse", warehouse);
        var noWarehouse = cli.Run("review", "--half", "2026H1", "--warehouse", Path.Combine(cli.Root, "none.duckdb"));

        Assert.Equal(2, noHalf.Exit);
        Assert.Contains("review needs --half, e.g. --half 2026H1", noHalf.Error, StringComparison.Ordinal);
        Assert.Equal(1, noWarehouse.Exit);
        Assert.Contains("there is no warehouse at", noWarehouse.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Root, "none.duckdb")));
    }
}
