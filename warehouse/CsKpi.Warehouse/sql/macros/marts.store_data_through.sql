-- The newest business day each store's agent numbers reach: its newest agent-day row, or the last day of its newest
-- agent report of a longer range (a store that downloads one report a month). A month whose last day is after it is
-- still in progress (docs/marts.md, "Scorecard of a month in progress").
-- grain: one row per store
create or replace macro marts.store_data_through() as table
select store_id, max(day) as data_through
from (
    select store_id, max(business_day) as day from marts.kpi_agent_daily group by store_id
    union all
    select store_id, max(period_to) from marts.kpi_agent_report_period group by store_id
)
group by store_id;
