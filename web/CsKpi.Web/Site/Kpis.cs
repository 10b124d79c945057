using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Web.Site;

/// <summary>
/// A period's numbers for a store, a team or one agent, as the period macros compute them (ratios of sums, never
/// means of daily ratios). Store-only columns are empty for teams and agents; the agent's or team's name only where
/// a query lists several.
/// </summary>
public sealed record KpiTotals
{
    public string? AgentId { get; init; }
    public string? AgentName { get; init; }
    public string? Team { get; init; }
    public long ActiveDays { get; init; }
    public string Period { get; init; } = "";
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public long ReceivedBuyers { get; init; }
    public long InquiryBuyers { get; init; }
    public long UnrepliedBuyers { get; init; }
    public double? ReplyRate { get; init; }
    public double? QaRatio { get; init; }
    public double? FirstResponseSeconds { get; init; }
    public double? AvgResponseSeconds { get; init; }
    public long SlowBuyers { get; init; }
    public double SalesAmount { get; init; }
    public long SalesBuyers { get; init; }
    public double? Aov { get; init; }
    public double? NextDayConversion { get; init; }
    public double? FinalConversion { get; init; }
    public double? SatisfactionRate { get; init; }
    public long AssistBuyers { get; init; }
    public double? Roi { get; init; }
    public double? CsSalesShare { get; init; }
    public double? SilentShare { get; init; }
    public double? TotalPaidAmount { get; init; }
    public bool NextDayProvisional { get; init; }
    public bool FinalProvisional { get; init; }

    /// <summary>The headline metrics, in the order the tiles and downloads show them.</summary>
    public static readonly IReadOnlyList<string> Headline =
    [
        "received_buyers", "inquiry_buyers", "final_conversion", "next_day_conversion", "reply_rate", "first_response_seconds",
        "avg_response_seconds", "sales_amount", "aov", "satisfaction_rate", "qa_ratio", "assist_buyers", "cs_sales_share", "silent_share",
    ];

    public double? Value(string metric) => metric switch
    {
        "received_buyers" => ReceivedBuyers,
        "inquiry_buyers" => InquiryBuyers,
        "unreplied_buyers" => UnrepliedBuyers,
        "reply_rate" => ReplyRate,
        "qa_ratio" => QaRatio,
        "first_response_seconds" => FirstResponseSeconds,
        "avg_response_seconds" => AvgResponseSeconds,
        "slow_buyers" => SlowBuyers,
        "sales_amount" => SalesAmount,
        "sales_buyers" => SalesBuyers,
        "aov" => Aov,
        "next_day_conversion" => NextDayConversion,
        "final_conversion" => FinalConversion,
        "satisfaction_rate" => SatisfactionRate,
        "assist_buyers" => AssistBuyers,
        "roi" => Roi,
        "cs_sales_share" => CsSalesShare,
        "silent_share" => SilentShare,
        "total_paid_amount" => TotalPaidAmount,
        _ => null,
    };

    public bool IsProvisional(string metric) =>
        metric == "final_conversion" ? FinalProvisional : metric == "next_day_conversion" && NextDayProvisional;

    public static bool LowerIsBetter(string metric) =>
        metric is "first_response_seconds" or "avg_response_seconds" or "avg_reception_seconds" or "reception_seconds"
            or "unreplied_buyers" or "slow_buyers" or "refund_amount" or "silent_share";
}

/// <summary>The KPI tiles' input: a period, the one before, and when the period's provisional numbers become final.</summary>
public sealed record KpiComparison(KpiTotals? Now, KpiTotals? Before, DateOnly MaturesOn);

public static class Kpis
{
    private const string Columns = """
        period, period_start, period_end, received_buyers, inquiry_buyers, unreplied_buyers, reply_rate, qa_ratio,
        first_response_seconds, avg_response_seconds, slow_buyers, sales_amount, sales_buyers, aov, next_day_conversion,
        final_conversion, satisfaction_rate, assist_buyers, roi, next_day_provisional, final_provisional
        """;

    /// <summary>One row per period of <paramref name="grain"/> within [from, to], for the scope's level.</summary>
    public static IReadOnlyList<KpiTotals> Query(DuckDBConnection db, Scope scope, string grain, DateOnly from, DateOnly to, string? agent = null)
    {
        agent ??= scope.Agent;
        var sql = agent is not null
            ? $"select {Columns} from marts.kpi_agent_period($grain, $from, $to) where store_id = $store and agent_id = $agentId"
            : scope.Team is not null
                ? $"select {Columns} from marts.kpi_team_period($grain, $from, $to) where store_id = $store and team = $team"
                : $"""
                  select {Columns}, cs_sales_share, marts.ratio(silent_amount, total_paid_amount) as silent_share, total_paid_amount
                  from marts.kpi_store_period($grain, $from, $to) where store_id = $store
                  """;
        return db.Query<KpiTotals>(sql + " order by period_start", scope.Parameters(new { grain, from, to, agentId = agent })).ToList();
    }

    /// <summary>The whole of [from, to] as one row; null when nothing was recorded.</summary>
    public static KpiTotals? Totals(DuckDBConnection db, Scope scope, DateOnly from, DateOnly to, string? agent = null) =>
        Query(db, scope, "range", from, to, agent).SingleOrDefault();
}
