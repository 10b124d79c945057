-- grain: one row per agent (store, agent account) of the lake in one month (parameter month, yyyy-mm), the top
-- $top by sales: the firm-wide page's agent table across every store of every shard. The name and team are those
-- of the agent's last day in the month. Ratios of sums.
select
    store_id,
    agent_id,
    arg_max(agent_name, business_day) as agent_name,
    arg_max(team, business_day) as team,
    coalesce(sum(received_buyers), 0)::bigint as received_buyers,
    coalesce(sum(inquiry_buyers), 0)::bigint as inquiry_buyers,
    coalesce(sum(inquiry_paid_final), 0)::bigint as inquiry_paid_final,
    coalesce(sum(sales_amount), 0)::double as sales_amount,
    sum(inquiry_paid_final)::double / nullif(sum(inquiry_buyers), 0) as final_conversion
from kpi_agent_daily
where month = $month
group by store_id, agent_id
order by sales_amount desc, store_id, agent_id
limit $top;
