-- grain: one row per store of the lake in one month (parameter month, yyyy-mm): the firm-wide page's store table.
-- A store's month is the sum of its agents' months (firm_agent_month: every sum of the registry, written once); the
-- ratios are the registry's (the ratios placeholder: marts.ratio of those sums): ratios of sums, never means of ratios.
select
    store_id,
    agents,
    coalesce(received_buyers, 0)::bigint as received_buyers,
    coalesce(inquiry_buyers, 0)::bigint as inquiry_buyers,
    coalesce(inquiry_paid_final, 0)::bigint as inquiry_paid_final,
    coalesce(sales_amount, 0)::double as sales_amount,
    final_conversion
from (
    select *, /*{ratios:agent}*/
    from (
        select store_id, count(*)::bigint as agents, /*{period_sums:agent}*/
        from firm_agent_month($month)
        group by store_id
    )
)
order by sales_amount desc, store_id;
