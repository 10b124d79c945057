using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Career;

/// <summary>
/// Manual changes of an agent's level or coefficient, the audit log, and the level history. A change lives in
/// app.agent_career_change (core/dim_agent.sql merges it into the agent's history on every recompute) and is audited
/// in the same transaction.
/// </summary>
public static class CareerChanges
{
    /// <summary>
    /// Sets an agent's level and/or coefficient from <paramref name="effectiveFrom"/> on, audited, then recomputes the
    /// marts. A new level without a coefficient starts at the level's minimum; a coefficient alone keeps the level.
    /// </summary>
    /// <exception cref="ArgumentException">No such agent on that day, an unknown level, a coefficient outside the level's
    /// range, nothing to change, or no reason or user.</exception>
    public static RecomputeReport ChangeLevel(WarehouseDatabase warehouse, string agentId, string? level, decimal? coefficient,
        DateOnly effectiveFrom, string reason, string user)
    {
        RequireWho(user, reason);
        if (level is null && coefficient is null)
        {
            throw new CareerRefusal("give a new level, a new coefficient or both; nothing was changed", nameof(level), "nothing_to_change");
        }

        using (var connection = CareerConnection.Open(warehouse))
        using (var transaction = connection.BeginTransaction())
        {
            var day = CareerConnection.Day(effectiveFrom);
            var current = connection.QuerySingleOrDefault<(string StoreId, string? Level, decimal? Coefficient)?>("""
                select store_id, level, coefficient from core.dim_agent
                where agent_id = $agentId and is_registered and valid_from <= cast($day as date)
                  and (valid_to is null or valid_to > cast($day as date))
                """, new { agentId, day }, transaction)
                ?? throw new CareerRefusal($"no roster names the agent '{agentId}' on {day}; load a roster with the agent first", nameof(agentId), "unknown_agent")
                {
                    AgentId = agentId, Day = effectiveFrom,
                };

            var newLevel = level ?? current.Level
                ?? throw new CareerRefusal($"the roster names no level for '{agentId}' on {day}; give the level too", nameof(level), "no_level")
                {
                    AgentId = agentId, Day = effectiveFrom,
                };
            var range = connection.QuerySingleOrDefault<(decimal Min, decimal Max)?>(
                "select coefficient_min, coefficient_max from marts.career_level_on(cast($day as date)) where store_id = $store and level = $newLevel",
                new { day, store = current.StoreId, newLevel }, transaction)
                ?? throw new CareerRefusal($"'{newLevel}' is not a level of the ladder in force on {day}", nameof(level), "unknown_level")
                {
                    Level = newLevel, Day = effectiveFrom,
                };
            var newCoefficient = coefficient ?? (level is not null && level != current.Level ? range.Min : current.Coefficient ?? range.Min);
            if (newCoefficient < range.Min || newCoefficient > range.Max)
            {
                throw new CareerRefusal(
                    $"coefficient {newCoefficient} is outside {newLevel}'s range {range.Min}–{range.Max}; nothing was changed", nameof(coefficient), "coefficient_out_of_range")
                {
                    Level = newLevel, Coefficient = newCoefficient, Min = range.Min, Max = range.Max,
                };
            }

            var change = new { agentId, day, newLevel, newCoefficient, reason, user, beforeLevel = current.Level, beforeCoefficient = current.Coefficient };
            connection.Execute("""
                insert into app.agent_career_change (agent_id, effective_from, level, coefficient, source, reason, changed_by)
                values ($agentId, cast($day as date), $newLevel, $newCoefficient, 'manual', $reason, $user)
                """, change, transaction);
            Audit(connection, transaction, """
                select $user, 'manual_change', $agentId, null, cast($day as date),
                       'manual change of level and coefficient from ' || $day,
                       $beforeLevel, $beforeCoefficient, $newLevel, $newCoefficient, $reason
                """, change);
            transaction.Commit();
        }

        return MartRecompute.Incremental(warehouse);
    }

    /// <summary>The audit log, newest first; of one agent when given.</summary>
    public static IReadOnlyList<AuditEntry> AuditLog(WarehouseDatabase warehouse, string? agentId = null, int limit = 500)
    {
        using var connection = CareerConnection.Open(warehouse);
        return connection.Query<AuditEntry>(
            "select * exclude (digest) from app.audit_log where $agentId is null or agent_id = $agentId order by entry_id desc limit $limit",
            new { agentId, limit }).ToList();
    }

    /// <summary>An agent's versions of level and coefficient, oldest first, HR's changes merged (as of the last recompute).</summary>
    public static IReadOnlyList<LevelVersion> LevelHistory(WarehouseDatabase warehouse, string agentId)
    {
        using var connection = CareerConnection.Open(warehouse);
        return connection.Query<LevelVersion>("""
            select agent_id, level, coefficient, min(valid_from) as valid_from,
                   case when bool_or(valid_to is null) then null else max(valid_to) end as valid_to
            from (
                select *, sum(case when starts then 1 else 0 end) over (order by valid_from) as run
                from (
                    select agent_id, level, coefficient, valid_from, valid_to,
                           row(level, coefficient) is distinct from lag(row(level, coefficient)) over (order by valid_from) as starts
                    from core.dim_agent where agent_id = $agentId and is_registered
                )
            )
            group by agent_id, level, coefficient, run
            order by valid_from
            """, new { agentId }).ToList();
    }

    /// <summary>Who and why are required of every change: they are what the audit log is for.</summary>
    internal static void RequireWho(string user, string reason)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new CareerRefusal("say who decides: the audit log records every change's author", nameof(user), "no_user");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CareerRefusal("give a comment saying why: the audit log records it with the change", nameof(reason), "no_reason");
        }
    }

    /// <summary>
    /// Appends to the audit log what <paramref name="select"/> returns: actor, action, agent_id, proposal_id,
    /// effective_from, what, before_level, before_coefficient, after_level, after_coefficient, reason.
    /// </summary>
    internal static void Audit(DuckDBConnection connection, DuckDBTransaction transaction, string select, object parameters)
    {
        connection.Execute("""
            create or replace temp table audit_entry (
                actor varchar, action varchar, agent_id varchar, proposal_id bigint, effective_from date, what varchar,
                before_level varchar, before_coefficient decimal(4,2), after_level varchar, after_coefficient decimal(4,2), reason varchar)
            """, transaction: transaction);
        connection.Execute("insert into audit_entry " + select, parameters, transaction);
        connection.Execute(SqlScripts.Get("app/audit_log.sql"), transaction: transaction);
    }
}

/// <summary>A career change or decision refused for its input: cskpi's message, and the same as a code with its values
/// (<see cref="Reason"/>: nothing_to_change, unknown_agent, no_level, unknown_level, coefficient_out_of_range, no_user,
/// no_reason, no_proposal, unknown_proposal), so the site can say it in the viewer's language.</summary>
public sealed class CareerRefusal(string message, string paramName, string reason) : ArgumentException(message, paramName)
{
    public string Reason { get; } = reason;
    public string? AgentId { get; init; }
    public string? Level { get; init; }
    public DateOnly? Day { get; init; }
    public decimal? Coefficient { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public IReadOnlyList<long> ProposalIds { get; init; } = [];
}
