using CsKpi.Warehouse.Metrics;
using Xunit;

namespace CsKpi.Warehouse.Tests;

public sealed class MetricRegistryTests
{
    [Fact]
    public void The_embedded_registry_reads_sums_and_ratios_with_their_fields()
    {
        var registry = MetricRegistry.Embedded;

        var reply = registry["reply_rate"];
        Assert.True(reply.IsRatio);
        Assert.Equal("replied_buyers", reply.Numerator);
        Assert.Equal("received_buyers", reply.Denominator);
        Assert.Equal("percent", reply.Format);
        Assert.True(reply.Scorecard);

        var cost = registry["daily_cost"];
        Assert.True(cost.IsSum);
        Assert.True(cost.EmptyWhenNone);
        Assert.False(cost.Shown);

        Assert.Equal(["store"], registry["cs_sales_share"].Levels);
        Assert.True(registry["first_response_seconds"].LowerIsBetter);
    }

    [Fact]
    public void A_metric_that_is_neither_a_sum_nor_a_ratio_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => MetricRegistry.Parse("""
            metrics:
              - code: odd
                zh: 怪
                en: Odd
                numerator: a
            """));
        Assert.Contains("odd", error.Message);
    }
}
