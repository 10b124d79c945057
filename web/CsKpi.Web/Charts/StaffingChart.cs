using ScottPlot;

namespace CsKpi.Web.Charts;

/// <summary>One hour of day of a staffing plan: the campaign's inquiries arriving in it and the agents it needs.</summary>
public sealed record StaffingHour(int Hour, double Demand, int Agents);

/// <summary>
/// The hour-by-hour staffing plan as a chart: demand (inquiries per hour) as bars on the left axis, agents needed
/// as a line on the right. A pure function from rows to PNG bytes, like <see cref="ChartRenderer"/>.
/// </summary>
public static class StaffingChart
{
    public static readonly ChartText Title = new("每小时询单量与所需客服", "Inquiries and agents needed per hour");

    public static byte[] Render(IReadOnlyList<StaffingHour> hours, ChartFonts fonts, bool chinese) => ChartRenderer.Png(Build(hours, fonts, chinese));

    /// <summary>The chart as a plot, before it is drawn: what a test asks about (axis titles, legend).</summary>
    internal static Plot Build(IReadOnlyList<StaffingHour> hours, ChartFonts fonts, bool chinese)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var plot = ChartRenderer.NewPlot(Title, new("询单量", "Inquiries"), fonts, ref chinese);
        var bars = plot.Add.Bars(hours.Select(h => new Bar
        {
            Position = h.Hour,
            Value = h.Demand,
            FillColor = ChartRenderer.Palette[0],
        }).ToArray());
        bars.LegendText = chinese ? "询单量" : "Inquiries";

        if (hours.Count > 0)
        {
            var line = plot.Add.Scatter(hours.Select(h => (double)h.Hour).ToArray(), hours.Select(h => (double)h.Agents).ToArray(),
                ChartRenderer.Palette[1]);
            line.LegendText = chinese ? "所需客服" : "Agents needed";
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.Axes.YAxis = plot.Axes.Right;
        }

        plot.Axes.Right.Label.Text = chinese ? "客服人数" : "Agents";
        plot.Axes.Right.Label.FontSize = 13;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, 12)
            .Select(i => new Tick(i * 2, (i * 2).ToString("00", System.Globalization.CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Bottom.Label.Text = ChartRenderer.HourAxis.In(chinese);
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Margins(bottom: 0);
        ChartRenderer.LegendBelow(plot);
        return plot;
    }
}
