using CsKpi.Web.Charts;
using CsKpi.Web.Site;
using ScottPlot;

namespace CsKpi.Web.Tests.Charts;

/// <summary>What the chart code decides about axes and legends: ranks read upwards, legends cover no data, axes say what they hold.</summary>
public sealed class ChartLayoutTests
{
    private static readonly DateOnly[] Months = Enumerable.Range(0, 6).Select(i => new DateOnly(2026, 1, 1).AddMonths(i)).ToArray();

    private static LineChart Scorecard() => new(new("月度绩效总分与店内排名", "Monthly score and store rank"), new("总分", "Score"),
    [
        new ChartSeries(new("总分", "Score"), Months, [82, 85, 90, 88, 95, 101]),
        new ChartSeries(new("店内排名", "Store rank"), Months, [9, 7, 4, 5, 2, 1], RightAxis: true),
    ], RightAxis: new("排名", "Rank"), RightAxisIsRank: true);

    [Fact]
    public void The_rank_axis_has_1_at_the_top_and_the_worst_rank_at_the_bottom()
    {
        var plot = ChartRenderer.Build(Scorecard(), ChartFonts.Find(null), chinese: true);
        ChartRenderer.Png(plot);

        var ranks = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Right);
        Assert.Equal(0.5, ranks.Top);
        Assert.Equal(9.5, ranks.Bottom);
        Assert.Equal(Enumerable.Range(1, 9).Select(r => (double)r), plot.Axes.Right.TickGenerator.Ticks.Select(t => t.Position));

        // The score axis is not turned over with it.
        var scores = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Left);
        Assert.True(scores.Top > scores.Bottom, $"score axis {scores.Bottom} to {scores.Top}");
    }

    [Fact]
    public void A_line_chart_s_legend_is_below_the_data_not_on_it()
    {
        var plot = ChartRenderer.Build(Scorecard(), ChartFonts.Find(null), chinese: false);

        Assert.False(plot.Legend.IsVisible, "a legend inside the data area covers lines");
        Assert.Contains(plot.Axes.GetPanels(), p => p.GetType().Name == "LegendPanel" && p.Edge == Edge.Bottom);
    }

    [Fact]
    public void The_staffing_chart_s_legend_is_below_the_data_and_its_axes_have_titles()
    {
        var hours = Enumerable.Range(0, 24).Select(h => new StaffingHour(h, 10 + h, 1 + h / 4)).ToList();

        var plot = StaffingChart.Build(hours, ChartFonts.None, chinese: false);

        Assert.False(plot.Legend.IsVisible);
        Assert.Contains(plot.Axes.GetPanels(), p => p.GetType().Name == "LegendPanel" && p.Edge == Edge.Bottom);
        Assert.Equal("Hour of day", plot.Axes.Bottom.Label.Text);
        Assert.Equal("Inquiries", plot.Axes.Left.Label.Text);
        Assert.Equal("Agents", plot.Axes.Right.Label.Text);
    }

    [CjkFontFact]
    public void The_hourly_bar_chart_names_its_hour_axis_in_the_viewer_s_language()
    {
        var chart = new BarChart(new("各时段询单人数", "Inquiries by hour of day"), new("询单人数", "Inquiry buyers"),
            Enumerable.Range(0, 24).Select(h => h.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            Enumerable.Range(0, 24).Select(h => (double)h).ToList(), CategoryAxis: ChartRenderer.HourAxis);

        Assert.Equal("时段（点）", ChartRenderer.Build(chart, ChartFonts.Find(null), chinese: true).Axes.Bottom.Label.Text);
        Assert.Equal("Hour of day", ChartRenderer.Build(chart, ChartFonts.Find(null), chinese: false).Axes.Bottom.Label.Text);
    }

    [Theory]
    [InlineData("day", "2026-03-10", "2026-03-10", "2026-03-10")]
    [InlineData("week", "2026-03-10", "2026-03-09", "2026-03-15")]
    [InlineData("month", "2026-02-10", "2026-02-01", "2026-02-28")]
    public void A_trend_chart_covers_the_period_chosen_not_two_weeks(string grain, string date, string from, string to)
    {
        var period = Period.Parse(new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["grain"] = grain,
            ["date"] = date,
        }), new DateOnly(2026, 3, 18));

        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to), "day"), period.Trend());
    }

    [Fact]
    public void The_month_to_date_trend_is_its_days_so_far_and_a_long_period_is_by_week()
    {
        var lastDay = new DateOnly(2026, 3, 5);
        var monthToDate = Period.Parse(new Microsoft.AspNetCore.Http.QueryCollection(), lastDay);
        var quarter = new Period("quarter", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 31));

        Assert.Equal((new DateOnly(2026, 3, 1), lastDay, "day"), monthToDate.Trend());
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), "week"), quarter.Trend());
    }
}
