-- grain: one row per store and one per agent (store, agent account) of the lake in one month (parameter
-- chosen_month, yyyy-mm): what the firm-wide page's two tables read (firm_stores.sql, firm_agents.sql), summed once
-- for both levels by grouping sets. The sums are the metric registry's, as marts.kpi_agent_period sums them (the
-- period_sums placeholder); the ratios are the registry's too (the ratios placeholder: marts.ratio of the month's
-- sums, never means of daily ratios). A store's row (is_store) has every agent of the store; an agent's row the name
-- and team of its last day in the month. LakeReader creates it over the view kpi_agent_daily (every shard's stores);
-- the month filter is on the hive partition, so only that month's files are read.
create or replace macro firm_month(chosen_month) as table
select
    store_id,
    agent_id,
    is_store,
    agents,
    agent_name,
    team,
    coalesce(received_buyers, 0)::bigint as received_buyers,
    coalesce(inquiry_buyers, 0)::bigint as inquiry_buyers,
    coalesce(inquiry_paid_final, 0)::bigint as inquiry_paid_final,
    coalesce(sales_amount, 0)::double as sales_amount,
    final_conversion
from (
    select *, /*{ratios:agent}*/
    from (
        select
            store_id,
            agent_id,
            grouping(agent_id) = 1 as is_store,
            count(distinct agent_id)::bigint as agents,
            arg_max(agent_name, business_day) as agent_name,
            arg_max(team, business_day) as team,
            /*{period_sums:agent}*/
        from kpi_agent_daily
        where month = chosen_month
        group by grouping sets ((store_id), (store_id, agent_id))
    )
);
