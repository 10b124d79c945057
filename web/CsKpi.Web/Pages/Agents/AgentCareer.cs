using CsKpi.Warehouse;
using CsKpi.Warehouse.Career;
using Dapper;

namespace CsKpi.Web.Pages.Agents;

/// <summary>
/// The career part of an agent's page (_Career.cshtml): level, coefficient and the welfare of the level from the
/// ladder in force, the level history (rosters and HR's changes merged), the training record and what is next, and
/// the monthly bonus. Read only after the page has decided the viewer may see the agent.
/// </summary>
public sealed record AgentCareer(
    string AgentId,
    string? Level,
    decimal? Coefficient,
    AgentCareer.Rung? Welfare,
    IReadOnlyList<LevelVersion> History,
    TrainingAgent? Training,
    IReadOnlyList<TrainingCell> Record,
    IReadOnlyList<NextCourse> Next,
    IReadOnlyList<BonusRow> Bonus)
{
    /// <summary>A level of the ladder with its welfare (career.md).</summary>
    public sealed record Rung
    {
        public string Level { get; init; } = "";
        public string Name { get; init; } = "";
        public int AnnualLeaveDays { get; init; }
        public decimal HousingSubsidy { get; init; }
        public bool TeamTravel { get; init; }
        public decimal CoefficientMin { get; init; }
        public decimal CoefficientMax { get; init; }
        public decimal BaseBonus { get; init; }
    }

    public static AgentCareer Load(WarehouseDatabase warehouse, string agentId, string storeId, DateOnly day)
    {
        var history = CareerChanges.LevelHistory(warehouse, agentId);
        var now = history.LastOrDefault(h => h.ValidFrom <= day && (h.ValidTo is null || h.ValidTo > day)) ?? history.LastOrDefault();
        var training = TrainingTracker.Agents(warehouse, day, agentId).FirstOrDefault();
        var level = now?.Level ?? training?.Level;
        Rung? welfare;
        using (var connection = warehouse.OpenConnection())
        {
            welfare = connection.QueryFirstOrDefault<Rung>("""
                select level, name, annual_leave_days, housing_subsidy, team_travel, coefficient_min, coefficient_max, base_bonus
                from marts.career_level_on($day) where store_id = $storeId and level = $level
                """, new { day, storeId, level });
        }

        return new AgentCareer(agentId, level, now?.Coefficient, welfare, history, training,
            TrainingTracker.Record(warehouse, agentId, day), TrainingTracker.NextToLearn(warehouse, day, agentId),
            CsKpi.Warehouse.Career.Bonus.Monthly(warehouse, agentId: agentId));
    }
}
