-- grain: one row per store per business day (store_id, business_day)
-- Counts are sums of the store's team rows of that day (so of its agents), ratios are ratios of those sums; the
-- store-only numbers come from every order paid that day, credited or silent. The lists of sums and ratios come
-- from the metric registry (metrics/metrics.yml): a template SqlScripts fills in.

delete from marts.kpi_store_daily as k using mart_day as d where k.store_id = d.store_id and k.business_day = d.business_day;

insert into marts.kpi_store_daily by name
with sums as (
    select
        store_id, business_day,
        sum(agents) as agents,
        true as has_lower_rows,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional,
        /*{sums:store}*/
    from marts.kpi_team_daily as t
    semi join mart_day as d on d.store_id = t.store_id and d.business_day = t.business_day
    group by store_id, business_day
),

-- the store-only sums of the registry
paid as (
    select
        o.store_id, o.paid_day as business_day,
        sum(o.amount) as total_paid_amount,
        coalesce(sum(o.amount) filter (where c.agent_id is null), 0) as silent_amount,
        count(distinct o.buyer_id) as paid_buyers,
        count(distinct o.buyer_id) filter (where c.agent_id is not null) as credited_paid_buyers
    from core.fct_order as o
    semi join mart_day as d on d.store_id = o.store_id and d.business_day = o.paid_day
    join core.fct_order_credit as c on c.store_id = o.store_id and c.order_id = o.order_id and c.in_force
    group by all
),

days as (
    select store_id, business_day from sums
    union
    select store_id, business_day from paid
),

-- a day with paid orders but no agent row has no agent sums: 0, or empty for a sum that is empty when none is known;
-- a sum no agent row knew (a report that does not carry it) stays empty
store_sums as (
    select
        k.store_id, k.business_day,
        coalesce(agents, 0) as agents,
        coalesce(next_day_provisional, true) as next_day_provisional,
        coalesce(final_provisional, true) as final_provisional,
        /*{filled:store}*/
    from days as k
    left join sums as s using (store_id, business_day)
    left join paid as p using (store_id, business_day)
)

select
    *,
    /*{ratios:store}*/
from store_sums;
