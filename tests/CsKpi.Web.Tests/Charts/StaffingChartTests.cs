using CsKpi.Web.Charts;
using CsKpi.Web.Tests.Support;
using SkiaSharp;

namespace CsKpi.Web.Tests.Charts;

public sealed class StaffingChartTests
{
    [Fact]
    public void The_hourly_plan_draws_demand_bars_and_the_agents_line()
    {
        var hours = Enumerable.Range(0, 24)
            .Select(h => new StaffingHour(h, h is >= 9 and <= 22 ? 40 + (h % 5) * 12 : 4, h is >= 9 and <= 22 ? 6 + h % 4 : 1))
            .ToList();

        var png = StaffingChart.Render(hours, ChartFonts.Find(null), chinese: true);

        Png.AssertDrawn(png, ChartRenderer.Width, ChartRenderer.Height);
        Assert.True(Png.Count(png, new SKColor(0x25, 0x63, 0xeb)) > 2000, "the demand bars (blue) are not drawn");
        Assert.True(Png.Count(png, new SKColor(0xdc, 0x26, 0x26)) > 150, "the agents line (red) is not drawn");
    }

    [Fact]
    public void An_empty_plan_is_still_a_chart()
    {
        var png = StaffingChart.Render([], ChartFonts.None, chinese: false);

        Assert.True(png.Length > 8 && png[0] == 0x89, "not a PNG");
    }
}
