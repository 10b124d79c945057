using ScottPlot;

namespace CsKpi.Web.Charts;

/// <summary>
/// Agents ranked on a metric as horizontal bars, best at the top, one row per agent: every ranked agent is drawn
/// (the chart grows taller with them) and each name has its own row, so names never overlap or go missing.
/// </summary>
public sealed record RankingChart(ChartText Title, ChartText ValueAxis, IReadOnlyList<string> Names, IReadOnlyList<double> Values, bool Percent = false)
{
    /// <summary>Pixels per agent: room for a 12 px name with space above and below.</summary>
    public const int RowHeight = 22;

    /// <summary>The title, the value axis and its ticks around the rows.</summary>
    private const int Frame = 90;

    /// <summary>The image's height: the usual chart height, or taller so that each agent gets a row.</summary>
    public int Height => Math.Max(ChartRenderer.Height, Frame + RowHeight * Names.Count);

    public byte[] Render(ChartFonts fonts, bool chinese) => ChartRenderer.Png(Build(fonts, chinese), Height);

    /// <summary>The chart as a plot, before it is drawn: what a test asks about (bars, names, rows).</summary>
    internal Plot Build(ChartFonts fonts, bool chinese)
    {
        var plot = ChartRenderer.NewPlot(Title, new("", ""), fonts, ref chinese);
        var count = Names.Count;

        // The first (best) agent on the top row: positions count - 1 down to 0.
        var bars = plot.Add.Bars(Values.Select((v, i) => new Bar
        {
            Position = count - 1 - i,
            Value = v * (Percent ? 100 : 1),
            FillColor = ChartRenderer.Palette[0],
        }).ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Names
            .Select((name, i) => new Tick(count - 1 - i, chinese || ChartRenderer.IsLatin(name) ? name : $"#{i + 1}")).ToArray());
        plot.Axes.Bottom.Label.Text = ValueAxis.In(chinese);
        plot.Axes.Bottom.Label.FontSize = 13;

        // One row per agent exactly, whatever the autoscaler's padding: the height above gives each row its pixels.
        // (After the margins: setting them autoscales.)
        plot.Axes.Margins(left: 0);
        plot.Axes.SetLimitsY(bottom: -0.5, top: Math.Max(count, 1) - 0.5);
        return plot;
    }
}
