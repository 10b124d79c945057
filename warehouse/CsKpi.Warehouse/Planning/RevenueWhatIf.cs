using Dapper;

namespace CsKpi.Warehouse.Planning;

/// <summary>One side of the what-if: daily sales = receptions × conversion × aov (planning.md).</summary>
/// <param name="ReceptionsPerDay">inquiry receptions a day: the receptions final_conversion is a share of.</param>
/// <param name="Conversion">final_conversion, 0–1.</param>
/// <param name="Aov">客单价, yuan.</param>
public sealed record RevenueScenario(string Label, decimal ReceptionsPerDay, decimal Conversion, decimal Aov, InputSource Source)
{
    public decimal DailySales => ReceptionsPerDay * Conversion * Aov;

    public static RevenueScenario Typed(string label, decimal receptionsPerDay, decimal conversion, decimal aov) =>
        new(label, receptionsPerDay, conversion, aov, InputSource.Typed);
}

/// <summary>Whether one more agent pays for herself: her monthly cost against the extra profit she brings a day.</summary>
/// <param name="PaybackDays">monthly cost ÷ daily profit difference; null when the difference earns nothing.</param>
public sealed record AgentPayback(decimal MonthlyCost, decimal DailyProfit, decimal? PaybackDays)
{
    /// <summary>Paid back within the month she costs.</summary>
    public bool PaysForHerself => PaybackDays is <= RevenueComparison.DaysPerMonth;
}

/// <summary>Two scenarios side by side: the difference per day, month (×30) and year (×365), and with a gross margin
/// the profit difference and the payback of an agent's monthly cost.</summary>
public sealed record RevenueWhatIf(
    RevenueScenario Baseline, RevenueScenario Alternative,
    decimal DailyDifference, decimal MonthlyDifference, decimal YearlyDifference,
    decimal? GrossMargin, decimal? DailyProfit, decimal? MonthlyProfit, decimal? YearlyProfit,
    AgentPayback? Payback);

public static class RevenueComparison
{
    public const decimal DaysPerMonth = 30;
    public const decimal DaysPerYear = 365;

    /// <param name="grossMargin">毛利率, 0–1; without it no profit and no payback.</param>
    /// <param name="monthlyCost">an agent's monthly cost (roster monthly_cost, or typed); needs the gross margin.</param>
    public static RevenueWhatIf Compare(RevenueScenario baseline, RevenueScenario alternative, decimal? grossMargin = null,
        decimal? monthlyCost = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(alternative);
        foreach (var scenario in new[] { baseline, alternative })
        {
            if (scenario.ReceptionsPerDay < 0 || scenario.Aov < 0 || scenario.Conversion is < 0 or > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(baseline), scenario,
                    $"scenario '{scenario.Label}': receptions and aov are 0 or more, conversion a share from 0 to 1 (0.45 for 45 %)");
            }
        }

        if (grossMargin is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(grossMargin), grossMargin, "the gross margin is a share from 0 to 1 (0.5 for 50 %)");
        }

        if (monthlyCost is { } cost && (cost < 0 || grossMargin is null))
        {
            throw new ArgumentException(cost < 0
                ? "an agent's monthly cost is 0 yuan or more"
                : "a payback compares the cost with profit: give the gross margin too", nameof(monthlyCost));
        }

        var daily = alternative.DailySales - baseline.DailySales;
        var dailyProfit = daily * grossMargin;
        var payback = monthlyCost is { } monthly && dailyProfit is { } profit
            ? new AgentPayback(monthly, profit, profit > 0 ? monthly / profit : null)
            : null;
        return new RevenueWhatIf(baseline, alternative, daily, daily * DaysPerMonth, daily * DaysPerYear, grossMargin,
            dailyProfit, dailyProfit * DaysPerMonth, dailyProfit * DaysPerYear, payback);
    }
}

/// <summary>Scenarios and costs from history, over <c>marts.kpi_agent_period</c> / <c>kpi_team_period</c> of a range:
/// receptions a day = inquiry buyers ÷ days with a row, conversion and aov as ratios of the period's sums.</summary>
public static class RevenueHistory
{
    private const string ScenarioColumns = """
        inquiry_buyers::double / active_days as ReceptionsPerDay, final_conversion as Conversion, aov as Aov
        """;

    public static RevenueScenario Agent(WarehouseDatabase warehouse, string agentId, DateOnly from, DateOnly to) =>
        Read(warehouse, $"""
            select agent_name || ' (' || agent_id || ')' as Label, {ScenarioColumns}
            from marts.kpi_agent_period('range', $from, $to) where agent_id = $agentId
            """, new { agentId }, from, to, $"agent {agentId}", ("agent", agentId, null, null));

    public static RevenueScenario Team(WarehouseDatabase warehouse, string storeId, string team, DateOnly from, DateOnly to) =>
        Read(warehouse, $"""
            select team as Label, {ScenarioColumns}
            from marts.kpi_team_period('range', $from, $to) where store_id = $storeId and team = $team
            """, new { storeId, team }, from, to, $"team {team} of {storeId}", ("team", null, team, storeId));

    /// <summary>
    /// The team's agent with the most sales per inquiry (conversion × aov) among those ranked in the period (enough
    /// inquiry buyers, min_inquiries_for_rank); when nobody has enough, among all of them.
    /// </summary>
    public static RevenueScenario BestAgentOfTeam(WarehouseDatabase warehouse, string storeId, string team, DateOnly from, DateOnly to) =>
        Read(warehouse, $"""
            select p.agent_name || ' (' || p.agent_id || ')' as Label, {ScenarioColumns}
            from marts.kpi_agent_period('range', $from, $to) as p
            join (select store_id, agent_id, is_small_sample from marts.agent_ranking('range', $from, $to) where metric = 'inquiry_buyers') as r
              on r.agent_id = p.agent_id and r.store_id = p.store_id
            where p.store_id = $storeId and p.team = $team and p.final_conversion is not null and p.aov is not null
            order by r.is_small_sample, p.final_conversion * p.aov desc, p.agent_id
            limit 1
            """, new { storeId, team }, from, to, $"any agent of team {team} of {storeId} with sales", ("best_of_team", null, team, storeId));

    /// <summary>The agent's monthly cost on the current roster; null when the roster gives none.</summary>
    public static decimal? MonthlyCost(WarehouseDatabase warehouse, string agentId)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return connection.ExecuteScalar<decimal?>(
            "select monthly_cost from core.dim_agent where agent_id = $agentId and is_current", new { agentId });
    }

    /// <summary>The mean monthly cost of the team's agents on the current roster: what one more would cost.</summary>
    public static decimal? MeanMonthlyCost(WarehouseDatabase warehouse, string storeId, string team)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return connection.ExecuteScalar<decimal?>(
            """
            select avg(monthly_cost)::decimal(18,2) from core.dim_agent
            where store_id = $storeId and team = $team and is_current and is_registered and left_on is null
            """, new { storeId, team });
    }

    private static RevenueScenario Read(WarehouseDatabase warehouse, string sql, object filter, DateOnly from, DateOnly to, string who,
        (string Kind, string? Agent, string? Team, string? Store) whom)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        if (from > to)
        {
            throw new ArgumentException($"the period starts {from:yyyy-MM-dd}, after it ends {to:yyyy-MM-dd}");
        }

        var parameters = new DynamicParameters(filter);
        parameters.Add("from", StaffingPlanner.Day(from));
        parameters.Add("to", StaffingPlanner.Day(to));
        using var connection = warehouse.OpenConnection();
        var row = connection.QuerySingleOrDefault<ScenarioRow>(sql, parameters)
            ?? throw new PlanningException($"no history of {who} between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}; choose another period or type the scenario",
                "no_scenario_history")
            {
                Subject = whom.Kind, Agent = whom.Agent, Team = whom.Team, Store = whom.Store, From = from, To = to,
            };
        if (row.Conversion is not { } conversion || row.Aov is not { } aov)
        {
            throw new PlanningException(
                $"{row.Label} has {(row.Conversion is null ? "no inquiries" : "no sales")} between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}, "
                + "so neither conversion nor aov can be taken from history; type the scenario",
                row.Conversion is null ? "scenario_without_inquiries" : "scenario_without_sales")
            {
                Label = row.Label, From = from, To = to,
            };
        }

        return new RevenueScenario(row.Label, (decimal)row.ReceptionsPerDay, (decimal)conversion, (decimal)aov, InputSource.History);
    }

    internal sealed record ScenarioRow(string Label, double ReceptionsPerDay, double? Conversion, double? Aov);
}
