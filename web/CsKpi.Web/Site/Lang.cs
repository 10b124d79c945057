using System.Globalization;

namespace CsKpi.Web.Site;

/// <summary>
/// The site's two languages: zh-CN first, English by the switch in the header (remembered in the culture cookie).
/// Page text is written as (Chinese, English) pairs where it is used; metric names and formats are the registry's
/// (<see cref="SiteMetrics"/>), so this file holds only the interface's words. Numbers and dates follow the
/// request's culture.
/// </summary>
public static class Lang
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>The text in the request's language.</summary>
    public static string T(string chinese, string english) => IsChinese ? chinese : english;

    public static string Date(DateOnly day) => day.ToString(IsChinese ? "yyyy-MM-dd" : "d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>Change against the previous period, as a signed percentage; empty when either side is.</summary>
    public static string Change(double? now, double? before) =>
        now is { } n && before is { } b && b != 0
            ? ((n - b) / Math.Abs(b)).ToString("+0.0%;-0.0%;0.0%", CultureInfo.CurrentCulture)
            : "—";
}
