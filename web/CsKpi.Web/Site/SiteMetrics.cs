using System.Globalization;
using CsKpi.Warehouse.Metrics;
using CsKpi.Web.Charts;

namespace CsKpi.Web.Site;

/// <summary>
/// The metric registry (metrics/metrics.yml) as the site reads it: a metric's name in the request's language, how
/// its value reads, which way is better, which metrics can be ranked and scored, and which metrics a page lists in
/// which order (the registry's <c>pages</c>). The site registers the embedded registry; a test may register another.
/// Pages name a list ("headline"), never a metric's name, format or direction.
/// </summary>
public sealed class SiteMetrics(MetricRegistry registry)
{
    public MetricRegistry Registry => registry;

    /// <summary>The metrics rankings and scorecards offer, in registry order: scorecard metrics the pages show.</summary>
    public IReadOnlyList<string> Scorecard { get; } = registry.All.Where(m => m.Scorecard && m.Shown).Select(m => m.Code).ToList();

    /// <summary>The metric agents are ranked on when none is chosen: the first of the <c>ranking</c> list.</summary>
    public string DefaultRanking => On("ranking").FirstOrDefault() ?? Scorecard[0];

    /// <summary>A page's list of metrics (metrics.yml <c>pages</c>), in its order.</summary>
    public IReadOnlyList<string> On(string list) =>
        registry.All.Where(m => m.Pages.ContainsKey(list)).OrderBy(m => m.Pages[list]).Select(m => m.Code).ToList();

    /// <summary>The name in both languages; a code the registry does not know names itself.</summary>
    public ChartText Text(string code) => registry.Find(code) is { } metric ? new(metric.Zh, metric.En) : new(code, code);

    /// <summary>The name in the request's language.</summary>
    public string Name(string code) => Lang.T(Text(code).Chinese, Text(code).English);

    public bool IsPercent(string code) => FormatOf(code) == "percent";

    /// <summary>A time of day (format clock), kept and typed as seconds after midnight.</summary>
    public bool IsClock(string code) => FormatOf(code) == "clock";

    public bool LowerIsBetter(string code) => registry.Find(code)?.LowerIsBetter == true;

    /// <summary>A metric's value as a manager reads it; empty ratios (no denominator) show as "—".</summary>
    public string Format(string code, double? value) => value is not { } v
        ? "—"
        : FormatOf(code) switch
        {
            "count" => v.ToString("N0", CultureInfo.CurrentCulture),
            "percent" => v.ToString("P1", CultureInfo.CurrentCulture),
            "seconds" => v.ToString("N1", CultureInfo.CurrentCulture) + Lang.T(" 秒", " s"),
            "money" => "¥" + v.ToString("N2", CultureInfo.CurrentCulture),
            "clock" => Clock(v),
            _ => v.ToString("N2", CultureInfo.CurrentCulture),
        };

    /// <summary>
    /// A value for a tile, where ¥9,175,628.16 would overflow: large amounts and counts in 万 / 亿 in Chinese
    /// (¥917.56万), K / M in English (¥9.18M); smaller values and other formats as <see cref="Format"/>.
    /// </summary>
    public string Short(string code, double? value)
    {
        var format = FormatOf(code);
        if (value is not { } v || format is not ("money" or "count") || Math.Abs(v) < 10_000)
        {
            return Format(code, value);
        }

        var (scaled, unit) = Lang.IsChinese
            ? Math.Abs(v) >= 100_000_000 ? (v / 100_000_000, "亿") : (v / 10_000, "万")
            : Math.Abs(v) >= 1_000_000 ? (v / 1_000_000, "M") : (v / 1_000, "K");
        var digits = format == "money" || Math.Abs(scaled) < 100 ? "N2" : "N1";
        return (format == "money" ? "¥" : "") + scaled.ToString(digits, CultureInfo.CurrentCulture) + unit;
    }

    /// <summary>A time of day kept as seconds after midnight (08:35); past midnight it reads on (24:30), never wraps.</summary>
    public static string Clock(double secondsAfterMidnight)
    {
        var minutes = (long)Math.Round(secondsAfterMidnight / 60, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
    }

    private string FormatOf(string code) => registry.Find(code)?.Format ?? "ratio";
}
