-- grain: one row per agent (store, agent account) of the lake in one month (parameter chosen_month, yyyy-mm): every sum
-- of the metric registry over the agent's days, as marts.kpi_agent_period sums them (the period_sums placeholder), and
-- the name and team of the agent's last day in the month. What firm_agents.sql and firm_stores.sql read, so the
-- month's sums are written once; LakeReader creates it over the view kpi_agent_daily (every shard's stores). The
-- month filter is on the hive partition, so only that month's files are read.
create or replace macro firm_agent_month(chosen_month) as table
select
    store_id,
    agent_id,
    arg_max(agent_name, business_day) as agent_name,
    arg_max(team, business_day) as team,
    /*{period_sums:agent}*/
from kpi_agent_daily
where month = chosen_month
group by store_id, agent_id;
