-- grain: one row per agent (store, agent account) of the lake in one month (parameter month, yyyy-mm), the top
-- $top by sales: the firm-wide page's agent table across every store of every shard. The sums are
-- firm_agent_month's; the ratios are the registry's (the ratios placeholder: marts.ratio of the month's sums).
select
    store_id,
    agent_id,
    agent_name,
    team,
    coalesce(received_buyers, 0)::bigint as received_buyers,
    coalesce(inquiry_buyers, 0)::bigint as inquiry_buyers,
    coalesce(inquiry_paid_final, 0)::bigint as inquiry_paid_final,
    coalesce(sales_amount, 0)::double as sales_amount,
    final_conversion
from (
    select *, /*{ratios:agent}*/
    from firm_agent_month($month)
)
order by sales_amount desc, store_id, agent_id
limit $top;
