-- grain: one row per agent per period
-- A period's sums are sums of its daily sums; its ratios are ratios of those sums, never means of daily ratios
-- (metrics.md). Both lists come from the metric registry (metrics/metrics.yml); re-created on every open.
--   select * from marts.kpi_agent_period('month', date '2026-01-01', date '2026-06-30');
create or replace macro marts.kpi_agent_period(grain, date_from, date_to) as table
with sums as (
    select
        a.store_id, a.agent_id, p.period, p.period_start, p.period_end,
        arg_max(a.team, a.business_day) as team, arg_max(a.agent_name, a.business_day) as agent_name,
        count(*) as active_days,
        /*{period_sums:agent}*/,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from marts.kpi_agent_daily as a
    join marts.period_day(grain, date_from, date_to) as p using (business_day)
    group by a.store_id, a.agent_id, p.period, p.period_start, p.period_end
)
select
    store_id, team, agent_id, agent_name, period, period_start, period_end, active_days,
    /*{columns:agent}*/,
    next_day_provisional, final_provisional
from sums;
