using CsKpi.Web.Charts;
using CsKpi.Web.Tests.Support;
using SkiaSharp;

namespace CsKpi.Web.Tests.Charts;

public sealed class ChartRendererTests
{
    private static readonly DateOnly[] Days = Enumerable.Range(0, 10).Select(i => new DateOnly(2026, 3, 1).AddDays(i)).ToArray();

    private static LineChart Line() => new(new("接待人数", "Receptions"), new("人数", "Buyers"),
    [
        new ChartSeries(new("接待人数", "Receptions"), Days, Days.Select(d => (double?)(100 + d.Day * 7)).ToList()),
        new ChartSeries(new("询单人数", "Inquiries"), Days, Days.Select(d => d.Day == 5 ? null : (double?)(60 + d.Day * 3)).ToList()),
    ]);

    [Fact]
    public void A_line_chart_is_a_png_with_its_lines_drawn()
    {
        var png = ChartRenderer.Render(Line(), ChartFonts.Find(null), chinese: true);

        Png.AssertDrawn(png, ChartRenderer.Width, ChartRenderer.Height);
        Assert.True(Png.Count(png, new SKColor(0x25, 0x63, 0xeb)) > 200, "the first series (blue) is not drawn");
        Assert.True(Png.Count(png, new SKColor(0xdc, 0x26, 0x26)) > 200, "the second series (red) is not drawn");
    }

    [Fact]
    public void A_bar_chart_is_a_png_with_its_bars_drawn()
    {
        var png = ChartRenderer.Render(new BarChart(new("各时段询单人数", "Inquiries by hour"), new("询单人数", "Inquiries"),
            Enumerable.Range(0, 24).Select(h => h.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            Enumerable.Range(0, 24).Select(h => (double)(h * h % 37)).ToList()), ChartFonts.Find(null), chinese: true);

        Png.AssertDrawn(png, ChartRenderer.Width, ChartRenderer.Height);
        Assert.True(Png.Count(png, new SKColor(0x25, 0x63, 0xeb)) > 2000, "the bars are not drawn");
    }

    [Fact]
    public void Without_a_CJK_font_the_chart_draws_latin_labels()
    {
        var none = ChartRenderer.Render(Line(), ChartFonts.None, chinese: true);
        var english = ChartRenderer.Render(Line(), ChartFonts.None, chinese: false);

        // Asked for Chinese with no font to draw it, the chart is the English one, not one of empty boxes.
        Assert.Equal(english, none);
    }

    [Fact]
    public void The_CJK_font_is_found_by_its_file_or_a_configured_one()
    {
        var found = ChartFonts.Find(null);
        var configured = found.File is { } file ? ChartFonts.Find(file) : null;

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            // .ci/run installs fonts-wqy-microhei.
            Assert.True(found.HasCjk, "no CJK font on the CI machine");
        }

        Assert.Equal(found.File, configured?.File);
        Assert.False(ChartFonts.Find("/no/such/font.ttf").File == "/no/such/font.ttf");
    }

    [CjkFontFact]
    public void Chinese_labels_change_the_drawing_when_a_font_is_there()
    {
        var fonts = ChartFonts.Find(null);

        Assert.NotEqual(ChartRenderer.Render(Line(), fonts, chinese: false), ChartRenderer.Render(Line(), fonts, chinese: true));
    }
}

/// <summary>Runs where a CJK font is installed, and always in CI (where a missing font fails the test).</summary>
public sealed class CjkFontFactAttribute : FactAttribute
{
    public CjkFontFactAttribute()
    {
        if (!ChartFonts.Find(null).HasCjk && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"no CJK font installed ({ChartFonts.Packages})";
        }
    }
}
