using ScottPlot;

namespace CsKpi.Web.Charts;

/// <summary>
/// Agents ranked on a metric as horizontal bars, best at the top, one row per agent: every agent given is drawn
/// (the chart grows taller with them) and each name has its own row, so names never overlap or go missing. A store's
/// ranking of more than <see cref="MaxRows"/> agents is drawn as its best and its weakest (<see cref="Of"/>): a
/// thousand bars made a 22,000-pixel image that took seconds to draw and nobody could read; the table lists them all.
/// </summary>
/// <param name="Places">Each agent's place in the whole ranking (1 = best), what an English chart shows for a name
/// it cannot spell; by default their place among those drawn.</param>
public sealed record RankingChart(ChartText Title, ChartText ValueAxis, IReadOnlyList<string> Names, IReadOnlyList<double> Values, bool Percent = false,
    IReadOnlyList<int>? Places = null)
{
    /// <summary>The most agents drawn: up to this many, all of them; beyond it, the best and the weakest half of it each.</summary>
    public const int MaxRows = 50;

    /// <summary>
    /// The ranking of a metric (<paramref name="metric"/> names it), agents given best first: all of them when they
    /// fit <see cref="MaxRows"/>, else the best and the weakest <see cref="MaxRows"/>/2 each, and the title says so.
    /// </summary>
    public static RankingChart Of(ChartText metric, ChartText valueAxis, IReadOnlyList<string> names, IReadOnlyList<double> values, bool percent)
    {
        if (names.Count <= MaxRows)
        {
            return new(new($"{metric.Chinese}排名", $"{metric.English} ranking"), valueAxis, names, values, percent);
        }

        const int half = MaxRows / 2;
        var drawn = Enumerable.Range(0, half).Concat(Enumerable.Range(names.Count - half, half)).ToList();
        return new(new($"{metric.Chinese}排名（前 {half} 名与后 {half} 名，共 {names.Count} 人）", $"{metric.English} ranking (top {half} and bottom {half} of {names.Count})"),
            valueAxis, drawn.Select(i => names[i]).ToList(), drawn.Select(i => values[i]).ToList(), percent, drawn.Select(i => i + 1).ToList());
    }

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
            .Select((name, i) => new Tick(count - 1 - i, chinese || ChartRenderer.IsLatin(name) ? name : $"#{Places?[i] ?? i + 1}")).ToArray());
        plot.Axes.Bottom.Label.Text = ValueAxis.In(chinese);
        plot.Axes.Bottom.Label.FontSize = 13;

        // One row per agent exactly, whatever the autoscaler's padding: the height above gives each row its pixels.
        // (After the margins: setting them autoscales.)
        plot.Axes.Margins(left: 0);
        plot.Axes.SetLimitsY(bottom: -0.5, top: Math.Max(count, 1) - 0.5);
        return plot;
    }
}
