using CsKpi.Warehouse.Metrics;
using CsKpi.Web.Site;

namespace CsKpi.Web.Tests.Site;

/// <summary>The registry's clock format (a time of day kept as seconds after midnight) reads HH:mm.</summary>
public sealed class ClockFormatTests
{
    [Theory]
    [InlineData(30600, "08:30")]
    [InlineData(30840, "08:34")]
    [InlineData(30869, "08:34")]
    [InlineData(30870, "08:35")]   // half a minute rounds up
    [InlineData(0, "00:00")]
    [InlineData(86400 + 1800, "24:30")]  // last online past midnight reads on rather than wrapping to 00:30
    public void A_time_of_day_reads_as_hours_and_minutes(double seconds, string shown) =>
        Assert.Equal(shown, SiteMetrics.Clock(seconds));

    [Fact]
    public void A_clock_metric_is_formatted_as_a_time_and_empty_as_a_dash()
    {
        var metrics = new SiteMetrics(MetricRegistry.Embedded);

        Assert.Equal("08:34", metrics.Format("first_login_time", 30840));
        Assert.Equal("—", metrics.Format("first_login_time", null));
        Assert.True(metrics.IsClock("last_online_time"));
        Assert.False(metrics.IsClock("online_per_day"));
    }
}
