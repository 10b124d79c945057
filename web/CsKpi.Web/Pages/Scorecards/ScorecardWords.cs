using CsKpi.Web.Site;

namespace CsKpi.Web.Pages.Scorecards;

/// <summary>
/// The words of the scorecard pages for what the warehouse keeps as codes: a card's role, and the rule a month in
/// progress is scored by (docs/marts.md, "Scorecard of a month in progress").
/// </summary>
public static class ScorecardWords
{
    /// <summary>The roles of the data contract (core.dim_agent.role): each may have its own card.</summary>
    public static readonly IReadOnlyList<string> ContractRoles = ["presale", "aftersale", "both"];

    /// <summary>A card's role in the viewer's language; a store's own role code as it is.</summary>
    public static string RoleName(string role) => role switch
    {
        "presale" => Lang.T("售前", "Presale"),
        "aftersale" => Lang.T("售后", "After-sales"),
        "both" => Lang.T("售前售后", "Presale and after-sales"),
        _ => role,
    };

    /// <summary>Why a month in progress reads as it does: prorated targets, provisional until the month ends.</summary>
    public static string InProgress(DateOnly scoredTo, DateOnly monthStart) =>
        Lang.T($"本月进行中：按 {Lang.Date(scoredTo)} 前的 {scoredTo.DayNumber - monthStart.DayNumber + 1} 天计分，求和类目标（销售额、接待人数…）按天数折算（目标 × 天数 / 30），分数为暂定，月末数据齐全后确定。",
            $"Month in progress: scored over the {scoredTo.DayNumber - monthStart.DayNumber + 1} days to {Lang.Date(scoredTo)}, targets of sums (sales, receptions, …) prorated to those days (target × days / 30); the score is provisional until the month's data are complete.");
}
