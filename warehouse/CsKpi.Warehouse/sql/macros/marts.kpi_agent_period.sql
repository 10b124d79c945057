-- grain: one row per agent per period
-- A period's sums are sums of its daily sums; its ratios are ratios of those sums, never means of daily ratios
-- (metrics.md). Both lists come from the metric registry (metrics/metrics.yml); re-created on every open.
-- Agent reports (issue 16): for grains of a month or more, each agent-month takes, per column, the daily rows' sum,
-- else (the daily rows have none of it that month) the value of the agent's whole-calendar-month report row
-- (marts.kpi_agent_report_period), so a store that downloads one report per month gets monthly scorecards and
-- rankings, and a store with chats and a monthly report is not counted twice. Other report ranges are never split
-- into days; week and day grains read the daily rows only. A month known only from its report has 0 active days.
-- only_agent (optional) computes one agent's rows alone: the agent page must not aggregate the whole store to show one.
--   select * from marts.kpi_agent_period('month', date '2026-01-01', date '2026-06-30');
--   select * from marts.kpi_agent_period('range', date '2026-03-01', date '2026-03-31', only_agent := 'tb:小美');
create or replace macro marts.kpi_agent_period(grain, date_from, date_to, only_agent := null) as table
with daily_months as (
    select
        a.store_id, a.agent_id, p.period, p.period_start, p.period_end,
        cast(date_trunc('month', a.business_day) as date) as month,
        arg_max(a.team, a.business_day) as team, arg_max(a.agent_name, a.business_day) as agent_name,
        max(a.business_day) as last_day,
        count(*) as active_days,
        /*{period_sums:agent}*/,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from marts.kpi_agent_daily as a
    join marts.period_day(grain, date_from, date_to) as p using (business_day)
    where only_agent is null or a.agent_id = only_agent
    group by a.store_id, a.agent_id, p.period, p.period_start, p.period_end, cast(date_trunc('month', a.business_day) as date)
),

-- the whole-calendar-month report rows wholly inside the dates, for the grains made of whole months
report_months as (
    select *, period_to as last_day from marts.report_month(grain, date_from, date_to)
    where only_agent is null or agent_id = only_agent
),

-- grain: one row per agent-month: per column the daily rows' sum, else the month report's value
months as (
    select
        coalesce(d.store_id, r.store_id) as store_id, coalesce(d.agent_id, r.agent_id) as agent_id,
        coalesce(d.period, r.period) as period, coalesce(d.period_start, r.period_start) as period_start,
        coalesce(d.period_end, r.period_end) as period_end,
        coalesce(d.team, r.team) as team, coalesce(d.agent_name, r.agent_name) as agent_name,
        coalesce(d.last_day, r.last_day) as last_day,
        coalesce(d.active_days, 0) as active_days,
        /*{daily_else_report:agent}*/,
        coalesce(d.next_day_provisional, false) as next_day_provisional,
        coalesce(d.final_provisional, false) as final_provisional
    from daily_months as d
    full join report_months as r
      on r.store_id = d.store_id and r.agent_id = d.agent_id and r.period = d.period and r.month = d.month
),

sums as (
    select
        store_id, agent_id, period, period_start, period_end,
        arg_max(team, last_day) as team, arg_max(agent_name, last_day) as agent_name,
        sum(active_days)::bigint as active_days,
        /*{period_sums:agent}*/,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from months
    group by store_id, agent_id, period, period_start, period_end
)
select
    store_id, team, agent_id, agent_name, period, period_start, period_end, active_days,
    /*{columns:agent}*/,
    next_day_provisional, final_provisional
from sums;
