using Dapper;

namespace CsKpi.Warehouse.Career;

/// <summary>
/// HR's training questions on a day (career.md), read from the marts macros of sql/schema/0021_training.sql: the
/// catalogue, the completion matrix, each agent's record and certification, passes about to expire, what to learn next.
/// </summary>
public static class TrainingTracker
{
    public static IReadOnlyList<CourseRow> Catalogue(WarehouseDatabase warehouse)
    {
        using var connection = CareerConnection.Open(warehouse);
        return connection.Query<CourseRow>("select * from core.dim_course order by required_for_level nulls last, category, course_id").ToList();
    }

    /// <summary>
    /// Every active agent's level, next level, counts and junior certification on <paramref name="asOf"/>; or one
    /// agent's, computed from that agent's rows alone (the agent page).
    /// </summary>
    public static IReadOnlyList<TrainingAgent> Agents(WarehouseDatabase warehouse, DateOnly asOf, string? agentId = null) =>
        Query<TrainingAgent>(warehouse, "select * from marts.training_agent(cast($day as date), only_agent := $agentId) order by store_id, team, agent_id",
            new { day = CareerConnection.Day(asOf), agentId });

    /// <summary>Agents × the courses their level and the next require, each with its state on <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<TrainingCell> Matrix(WarehouseDatabase warehouse, DateOnly asOf) =>
        Query<TrainingCell>(warehouse, "select * from marts.training_matrix(cast($day as date)) order by store_id, team, agent_id, required_rank, course_id", new { day = CareerConnection.Day(asOf) });

    /// <summary>One agent's record: every course with an event (passed, in progress, failed attempts, expiry).</summary>
    public static IReadOnlyList<TrainingCell> Record(WarehouseDatabase warehouse, string agentId, DateOnly asOf) =>
        Query<TrainingCell>(warehouse, "select * from marts.training_status(cast($day as date), only_agent := $agentId) order by course_id", new { day = CareerConnection.Day(asOf), agentId });

    /// <summary>Passes that expire within 30 days of <paramref name="asOf"/>, soonest first, with whose they are (name and team).</summary>
    public static IReadOnlyList<TrainingCell> Expiring(WarehouseDatabase warehouse, DateOnly asOf) =>
        Query<TrainingCell>(warehouse, """
            select s.*, a.name, a.team
            from marts.training_status(cast($day as date)) as s
            join marts.training_agent(cast($day as date)) as a using (agent_id)
            where s.state = 'expiring'
            order by s.expires_on, s.agent_id
            """, new { day = CareerConnection.Day(asOf) });

    /// <summary>What each agent (or one, computed from that agent's rows alone) should learn next, in career.md's order.</summary>
    public static IReadOnlyList<NextCourse> NextToLearn(WarehouseDatabase warehouse, DateOnly asOf, string? agentId = null) =>
        Query<NextCourse>(warehouse,
            "select * from marts.next_to_learn(cast($day as date), only_agent := $agentId) order by agent_id, rank_in_agent",
            new { day = CareerConnection.Day(asOf), agentId });

    private static List<T> Query<T>(WarehouseDatabase warehouse, string sql, object parameters)
    {
        using var connection = CareerConnection.Open(warehouse);
        return connection.Query<T>(sql, parameters).ToList();
    }
}
