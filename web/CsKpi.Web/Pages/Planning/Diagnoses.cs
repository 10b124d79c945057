using CsKpi.Warehouse.Planning;
using CsKpi.Web.Site;

namespace CsKpi.Web.Pages.Planning;

/// <summary>
/// What the diagnosis sections (the agent page, the team page) show: the diagnosis or why there is none, and where
/// a weak KPI's reviewed conversations are (the agent's sampled receptions of the reason that KPI points at).
/// </summary>
public sealed record DiagnosisView(KpiDiagnosis? Diagnosis, string? Error, string? ReviewsLink)
{
    /// <summary>The language app.kpi_remedy is written in for the page's culture.</summary>
    public static string Language => Lang.IsChinese ? "zh-CN" : "en";

    public static DiagnosisView Of(Func<string, KpiDiagnosis> diagnose, string? reviewsLink = null)
    {
        ArgumentNullException.ThrowIfNull(diagnose);
        try
        {
            return new DiagnosisView(diagnose(Language), null, reviewsLink);
        }
        catch (Exception e) when (e is PlanningException or ArgumentException)
        {
            return new DiagnosisView(null, PlanningWords.Say(e), reviewsLink);
        }
    }

    /// <summary>The sample reason that shows a weak KPI at work (ChatReviews.ForAgent), or null for "all of them".</summary>
    public static string? ReasonOf(string metric) => metric switch
    {
        _ when metric.Contains("response", StringComparison.Ordinal) => "slowest",
        _ when metric.Contains("repl", StringComparison.Ordinal) || metric.Contains("answer", StringComparison.Ordinal) => "unanswered",
        _ when metric.Contains("conversion", StringComparison.Ordinal) => "unconverted",
        _ when metric.Contains("aov", StringComparison.Ordinal) || metric.Contains("sales", StringComparison.Ordinal) => "largest_order",
        _ => null,
    };

    public string? ReviewsFor(string metric) => ReviewsLink is null
        ? null
        : ReasonOf(metric) is { } reason ? $"{ReviewsLink}&reason={reason}" : ReviewsLink;
}
