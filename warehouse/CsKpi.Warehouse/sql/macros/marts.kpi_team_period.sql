-- grain: one row per team per period
-- A period's sums are sums of its daily sums; its ratios are ratios of those sums, never means of daily ratios
-- (metrics.md). Both lists come from the metric registry (metrics/metrics.yml); re-created on every open.
-- Agent reports (issue 16): for grains of a month or more, a team's month adds, per column, the whole-month agent
-- report values (marts.kpi_agent_report_period) of its agents' months whose daily rows lack that column, exactly as
-- marts.kpi_agent_period takes them for each agent, so the team is the sum of its agents; a month known only from
-- reports has 0 active days and counts its reported agents as max_agents.
create or replace macro marts.kpi_team_period(grain, date_from, date_to) as table
with sums as (
    select
        t.store_id, t.team, p.period, p.period_start, p.period_end,
        count(*) as active_days, max(agents) as max_agents,
        /*{period_sums:team}*/,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from marts.kpi_team_daily as t
    join marts.period_day(grain, date_from, date_to) as p using (business_day)
    group by t.store_id, t.team, p.period, p.period_start, p.period_end
),

-- the whole-month agent report values that fill what their agent-month's daily rows lack
supplement as (
    select
        r.store_id, r.team, r.period, r.period_start, r.period_end, count(*)::integer as report_agents,
        /*{report_supplement:team}*/
    from marts.report_month(grain, date_from, date_to) as r
    left join marts.reported_agent_month(date_from, date_to) as d
      on d.store_id = r.store_id and d.agent_id = r.agent_id and d.month = r.month
    group by r.store_id, r.team, r.period, r.period_start, r.period_end
),

combined as (
    select
        coalesce(s.store_id, u.store_id) as store_id,
        coalesce(s.team, u.team) as team,
        coalesce(s.period, u.period) as period, coalesce(s.period_start, u.period_start) as period_start,
        coalesce(s.period_end, u.period_end) as period_end,
        coalesce(s.active_days, 0) as active_days, coalesce(s.max_agents, u.report_agents) as max_agents,
        /*{with_supplement:team}*/,
        coalesce(s.next_day_provisional, false) as next_day_provisional,
        coalesce(s.final_provisional, false) as final_provisional
    from sums as s
    full join supplement as u on u.store_id = s.store_id and u.team = s.team and u.period = s.period
)
select
    store_id, team, period, period_start, period_end, active_days, max_agents,
    /*{columns:team}*/,
    next_day_provisional, final_provisional
from combined;
