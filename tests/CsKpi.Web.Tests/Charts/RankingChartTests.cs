using CsKpi.Web.Charts;
using CsKpi.Web.Tests.Support;
using ScottPlot;
using ScottPlot.Plottables;

namespace CsKpi.Web.Tests.Charts;

public sealed class RankingChartTests
{
    /// <summary>28 agents: the walk found the old chart cut them to 20 with the names overlapping.</summary>
    private static RankingChart Ranking(int agents) => new(new("销售额排名", "Sales ranking"), new("销售额", "Sales"),
        Enumerable.Range(1, agents).Select(i => $"客服{i:00}号").ToList(),
        Enumerable.Range(1, agents).Select(i => 1000.0 - i * 20).ToList());

    [Fact]
    public void Every_agent_is_a_horizontal_bar_with_the_best_at_the_top()
    {
        var chart = Ranking(28);

        var plot = chart.Build(ChartFonts.Find(null), chinese: true);
        ChartRenderer.Png(plot, chart.Height);

        var bars = Assert.Single(plot.GetPlottables().OfType<BarPlot>());
        Assert.True(bars.Bars.All(b => b.Orientation == Orientation.Horizontal), "the bars are vertical: names under them overlap");
        Assert.Equal(28, bars.Bars.Count);
        var ticks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        Assert.Equal(28, ticks.Count);

        // The best agent (the first given, with the longest bar) is the top row.
        var top = bars.Bars.MaxBy(b => b.Position)!;
        Assert.Equal(chart.Values[0], top.Value);
        Assert.Equal(top.Position, ticks.Single(t => t.Label == chart.Names[0] || t.Label == "#1").Position);
    }

    [Fact]
    public void The_chart_grows_so_that_each_name_has_a_row_of_its_own()
    {
        var few = Ranking(5);
        var many = Ranking(28);

        var plot = many.Build(ChartFonts.Find(null), chinese: true);
        var png = ChartRenderer.Png(plot, many.Height);

        Assert.Equal(ChartRenderer.Height, few.Height);
        Assert.True(many.Height > ChartRenderer.Height, $"28 agents in {many.Height} px");
        Png.AssertDrawn(png, ChartRenderer.Width, many.Height);

        // Drawn: the rows are exactly the agents, and a row is taller than a name's text.
        var limits = plot.Axes.GetLimits();
        Assert.Equal((-0.5, 27.5), (limits.Bottom, limits.Top));
        var pixelsPerRow = plot.RenderManager.LastRender.DataRect.Height / 28;
        Assert.True(pixelsPerRow >= plot.Axes.Left.TickLabelStyle.FontSize * 1.4,
            $"{pixelsPerRow:0.0} px a row for {plot.Axes.Left.TickLabelStyle.FontSize} px names: they overlap");
    }

    [Fact]
    public void A_store_of_a_thousand_is_drawn_as_its_best_and_weakest_and_the_title_says_so()
    {
        var names = Enumerable.Range(1, 1000).Select(i => $"客服{i:0000}号").ToList();
        var values = Enumerable.Range(1, 1000).Select(i => 2000.0 - i).ToList();

        var chart = RankingChart.Of(new("销售额", "Sales"), new("销售额", "Sales"), names, values, percent: false);
        var plot = chart.Build(ChartFonts.Find(null), chinese: false);
        ChartRenderer.Png(plot, chart.Height);

        var bars = Assert.Single(plot.GetPlottables().OfType<BarPlot>());
        Assert.Equal(RankingChart.MaxRows, bars.Bars.Count);
        Assert.Equal(names.Take(25).Concat(names.TakeLast(25)), chart.Names);
        Assert.Equal(values.Take(25).Concat(values.TakeLast(25)), chart.Values);
        Assert.Contains("top 25 and bottom 25 of 1000", chart.Title.English, StringComparison.Ordinal);
        Assert.Contains("共 1000 人", chart.Title.Chinese, StringComparison.Ordinal);
        // A name English cannot spell is shown by its place in the whole ranking, not among the bars drawn.
        var ticks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Contains("#1", ticks);
        Assert.Contains("#1000", ticks);
        Assert.DoesNotContain("#26", ticks);
        Assert.True(chart.Height < 90 + RankingChart.RowHeight * 51, $"{chart.Height} px");
    }

    [Fact]
    public void A_ranking_that_fits_is_drawn_whole_under_its_plain_title()
    {
        var chart = RankingChart.Of(new("销售额", "Sales"), new("销售额", "Sales"),
            Enumerable.Range(1, RankingChart.MaxRows).Select(i => $"agent {i}").ToList(), Enumerable.Range(1, RankingChart.MaxRows).Select(i => 100.0 - i).ToList(), percent: false);

        Assert.Equal(RankingChart.MaxRows, chart.Names.Count);
        Assert.Equal(("销售额排名", "Sales ranking"), (chart.Title.Chinese, chart.Title.English));
    }
}
