-- Staffing history (planning.md): the inputs of the headcount formula from a store's history over [date_from,
-- date_to]. aov here is that of every paid order (total paid amount / paying buyers), because target / aov must
-- count all the store's buyers before cs_buyer_share takes the share that goes through customer service.
-- max_receptions is the 90th percentile of presale agents' daily received buyers (days they received anyone).
-- grain: one row per store
create or replace macro marts.staffing_history(date_from, date_to) as table
with store_period as (
    select store_id, active_days, total_paid_amount, paid_buyers, cs_buyer_share, final_conversion,
           marts.ratio(total_paid_amount, paid_buyers) as aov,
           marts.ratio(total_paid_amount, active_days) as daily_sales
    from marts.kpi_store_period('range', date_from, date_to)
),
agent_days as (
    select k.store_id, quantile_cont(k.received_buyers, 0.9) as max_receptions, count(*) as agent_days
    from marts.kpi_agent_daily as k
    join core.dim_agent as a using (agent_key)
    where k.business_day between date_from::date and date_to::date
      and k.received_buyers > 0 and a.role in ('presale', 'both')
    group by k.store_id
),
final as (
    select s.store_id, s.active_days, s.total_paid_amount::double as total_paid_amount, s.paid_buyers, s.aov,
           s.cs_buyer_share, s.final_conversion, d.max_receptions, coalesce(d.agent_days, 0) as agent_days, s.daily_sales
    from store_period as s
    left join agent_days as d using (store_id)
)
select * from final;
