-- grain: one row per store per period
-- A period's sums are sums of its daily sums; its ratios are ratios of those sums, never means of daily ratios
-- (metrics.md). Both lists come from the metric registry (metrics/metrics.yml); re-created on every open.
create or replace macro marts.kpi_store_period(grain, date_from, date_to) as table
with sums as (
    select
        s.store_id, p.period, p.period_start, p.period_end,
        count(*) as active_days, max(agents) as max_agents,
        /*{period_sums:store}*/,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from marts.kpi_store_daily as s
    join marts.period_day(grain, date_from, date_to) as p using (business_day)
    group by s.store_id, p.period, p.period_start, p.period_end
)
select
    store_id, period, period_start, period_end, active_days, max_agents,
    /*{columns:store}*/,
    next_day_provisional, final_provisional
from sums;
