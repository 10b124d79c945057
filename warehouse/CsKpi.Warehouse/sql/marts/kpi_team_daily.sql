-- grain: one row per team per business day (store_id, team, business_day)
-- Counts are sums of the team's agent rows of that day; ratios are ratios of those sums (metrics.md). Both lists
-- come from the metric registry (metrics/metrics.yml): a template SqlScripts fills in.

delete from marts.kpi_team_daily as k using mart_day as d where k.store_id = d.store_id and k.business_day = d.business_day;

insert into marts.kpi_team_daily by name
with sums as (
    select
        store_id, team, business_day,
        count(*) as agents,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional,
        /*{sums:team}*/
    from marts.kpi_agent_daily as a
    semi join mart_day as d on d.store_id = a.store_id and d.business_day = a.business_day
    group by store_id, team, business_day
)

select
    *,
    /*{ratios:team}*/
from sums;
