using ScottPlot;

namespace CsKpi.Web.Charts;

/// <summary>A text drawn on a chart, in both languages: the Chinese is used only when a CJK font is there.</summary>
public sealed record ChartText(string Chinese, string English)
{
    public string In(bool chinese) => chinese ? Chinese : English;
}

/// <summary>A series over days (or the first day of weeks and months); empty values leave a gap.</summary>
public sealed record ChartSeries(ChartText Name, IReadOnlyList<DateOnly> Days, IReadOnlyList<double?> Values, bool RightAxis = false);

/// <summary>
/// Lines over days. A right axis that holds ranks (<paramref name="RightAxisIsRank"/>) runs from the worst rank at the
/// bottom to 1 at the top, so climbing to 2nd reads as a rise.
/// </summary>
public sealed record LineChart(ChartText Title, ChartText LeftAxis, IReadOnlyList<ChartSeries> Series, ChartText? RightAxis = null, bool Percent = false, bool RightAxisIsRank = false);

/// <summary>Bars with a label each (hours of the day, months), and what the labels are (the category axis' title).</summary>
public sealed record BarChart(ChartText Title, ChartText ValueAxis, IReadOnlyList<string> Labels, IReadOnlyList<double> Values, bool Percent = false, ChartText? CategoryAxis = null);

/// <summary>
/// Charts as pure functions from rows to PNG bytes: no HTTP, no warehouse, so a test renders one and looks at it.
/// </summary>
public static class ChartRenderer
{
    public const int Width = 640;
    public const int Height = 300;

    internal static readonly Color[] Palette = [new("#2563eb"), new("#dc2626"), new("#16a34a"), new("#9333ea"), new("#ea580c")];

    /// <summary>The title of an axis of the hours of a day (the dashboard's and the staffing plan's hourly charts).</summary>
    public static readonly ChartText HourAxis = new("时段（点）", "Hour of day");

    public static byte[] Render(LineChart chart, ChartFonts fonts, bool chinese) => Png(Build(chart, fonts, chinese));

    public static byte[] Render(BarChart chart, ChartFonts fonts, bool chinese) => Png(Build(chart, fonts, chinese));

    /// <summary>The line chart as a plot, before it is drawn: what a test asks about (axes, legend).</summary>
    internal static Plot Build(LineChart chart, ChartFonts fonts, bool chinese)
    {
        var plot = NewPlot(chart.Title, chart.LeftAxis, fonts, ref chinese);
        var index = 0;
        foreach (var series in chart.Series)
        {
            var points = series.Days.Zip(series.Values)
                .Where(p => p.Second is { } v && double.IsFinite(v))
                .Select(p => (X: p.First.ToDateTime(TimeOnly.MinValue).ToOADate(), Y: p.Second!.Value * (chart.Percent ? 100 : 1)))
                .ToArray();
            if (points.Length == 0)
            {
                index++;
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Palette[index++ % Palette.Length]);
            line.LegendText = series.Name.In(chinese);
            line.LineWidth = 2;
            line.MarkerSize = points.Length > 40 ? 0 : 4;
            if (series.RightAxis)
            {
                line.Axes.YAxis = plot.Axes.Right;
            }
        }

        // Days as ticks (at most ten), labelled by day: the automatic date axis would put noon ticks between days.
        var days = chart.Series.SelectMany(s => s.Days).Distinct().Order().ToList();
        var step = Math.Max(1, (days.Count + 9) / 10);
        var monthly = days.Count > 1 && days.Zip(days.Skip(1)).All(p => p.First.Day == 1 && p.Second.Day == 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(days.Where((_, i) => i % step == 0)
            .Select(d => new Tick(d.ToDateTime(TimeOnly.MinValue).ToOADate(), d.ToString(monthly ? "yyyy-MM" : "MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray());
        if (chart.RightAxis is { } right)
        {
            plot.Axes.Right.Label.Text = right.In(chinese);
            plot.Axes.Right.Label.FontSize = 13;
        }

        if (chart.RightAxisIsRank)
        {
            InvertRanks(plot, chart.Series.Where(s => s.RightAxis).SelectMany(s => s.Values));
        }

        if (chart.Series.Count > 1)
        {
            // Below the data area: a legend inside it covered the lines it names.
            LegendBelow(plot);
        }

        return plot;
    }

    /// <summary>The bar chart as a plot, before it is drawn.</summary>
    internal static Plot Build(BarChart chart, ChartFonts fonts, bool chinese)
    {
        var plot = NewPlot(chart.Title, chart.ValueAxis, fonts, ref chinese);
        var bars = chart.Values.Select((v, i) => new Bar { Position = i, Value = v * (chart.Percent ? 100 : 1), FillColor = Palette[0] }).ToArray();
        plot.Add.Bars(bars);
        var step = Math.Max(1, chart.Labels.Count / 12);
        var ticks = chart.Labels.Select((label, i) => (label, i)).Where(t => t.i % step == 0)
            .Select(t => new Tick(t.i, chinese || IsLatin(t.label) ? t.label : $"#{t.i + 1}")).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        if (chart.CategoryAxis is { } category)
        {
            plot.Axes.Bottom.Label.Text = category.In(chinese);
            plot.Axes.Bottom.Label.FontSize = 13;
        }

        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>The legend in a panel below the data area, where it covers nothing.</summary>
    internal static void LegendBelow(Plot plot) => plot.ShowLegend(Edge.Bottom);

    /// <summary>
    /// The right axis as ranks: 1 at the top, the worst rank given at the bottom (half a rank of room each side),
    /// whole ranks as ticks.
    /// </summary>
    private static void InvertRanks(Plot plot, IEnumerable<double?> ranks)
    {
        var worst = ranks.Where(r => r is { } v && double.IsFinite(v)).Select(r => r!.Value).DefaultIfEmpty(1).Max();

        // The other axes fitted to their data first: left unset, the autoscaler would turn the score axis over too.
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(bottom: Math.Max(worst, 2) + 0.5, top: 0.5, plot.Axes.Right);

        // Whole ranks from 1 (always labelled: the top) down, at most about ten of them.
        var bottom = (int)Math.Ceiling(Math.Max(worst, 2));
        var step = Math.Max(1, (bottom + 9) / 10);
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, (bottom - 1) / step + 1)
            .Select(i => new Tick(1 + i * step, (1 + i * step).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
    }

    internal static Plot NewPlot(ChartText title, ChartText axis, ChartFonts fonts, ref bool chinese)
    {
        chinese &= fonts.HasCjk;
        var plot = new Plot();
        if (fonts.HasCjk)
        {
            plot.Font.Set(ChartFonts.FamilyName);
        }

        plot.Title(title.In(chinese), size: 16);
        plot.Axes.Left.Label.Text = axis.In(chinese);
        plot.Axes.Left.Label.FontSize = 13;
        plot.FigureBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = new Color("#e5e7eb");
        return plot;
    }

    internal static byte[] Png(Plot plot, int height = Height) => plot.GetImageBytes(Width, height, ImageFormat.Png);

    internal static bool IsLatin(string text) => text.All(c => c < 0x2E80);
}
