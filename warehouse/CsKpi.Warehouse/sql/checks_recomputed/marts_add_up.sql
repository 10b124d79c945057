-- the agent rows of a day sum to its team rows, and the team rows to its store row (an incremental recompute: the store-days of mart_day)
-- As checks/marts_add_up.sql over the store-days whose mart rows the recompute rebuilt (mart_day): each level of a
-- store-day is rebuilt together, so the sums of a rebuilt day need no other day.
with agent_sums as (
    select store_id, team, business_day, sum(consult_buyers) as consult_buyers, sum(received_buyers) as received_buyers,
           sum(replied_buyers) as replied_buyers, sum(sales_amount) as sales_amount, sum(inquiry_paid_final) as inquiry_paid_final,
           sum(assist_buyers) as assist_buyers, sum(response_total_seconds) as response_total_seconds
    from marts.kpi_agent_daily semi join mart_day using (store_id, business_day) group by all
),
-- a store row its teams did not reach (paid orders only) has 0s (z.missing); a sum its teams left empty (a report
-- that does not carry the metric) stays empty
team_sums as (
    select store_id, business_day, sum(consult_buyers) as consult_buyers, sum(received_buyers) as received_buyers,
           sum(replied_buyers) as replied_buyers, sum(sales_amount) as sales_amount, sum(inquiry_paid_final) as inquiry_paid_final,
           sum(assist_buyers) as assist_buyers, sum(response_total_seconds) as response_total_seconds
    from marts.kpi_team_daily semi join mart_day using (store_id, business_day) group by all
)
select 'team' as level, a.store_id, a.business_day, a.team as who
from agent_sums as a
full join (select * from marts.kpi_team_daily semi join mart_day using (store_id, business_day)) as t using (store_id, team, business_day)
where row(a.consult_buyers, a.received_buyers, a.replied_buyers, a.sales_amount, a.inquiry_paid_final, a.assist_buyers)
      is distinct from row(t.consult_buyers, t.received_buyers, t.replied_buyers, t.sales_amount, t.inquiry_paid_final, t.assist_buyers)
   or abs(coalesce(a.response_total_seconds, 0) - coalesce(t.response_total_seconds, 0)) > 0.001
union all
select 'store', s.store_id, s.business_day, ''
from (select *, true as reached from team_sums) as t
full join (select * from marts.kpi_store_daily semi join mart_day using (store_id, business_day)) as s using (store_id, business_day)
cross join lateral (select case when t.reached is null then 0 end as missing) as z
where row(coalesce(t.consult_buyers, z.missing), coalesce(t.received_buyers, z.missing), coalesce(t.replied_buyers, z.missing),
          coalesce(t.sales_amount, z.missing), coalesce(t.inquiry_paid_final, z.missing), coalesce(t.assist_buyers, z.missing))
      is distinct from row(s.consult_buyers, s.received_buyers, s.replied_buyers, s.sales_amount, s.inquiry_paid_final, s.assist_buyers)
   -- an agent report's sales are the CS tool's, not the credits of the store's orders: they need not add up with them
   or (s.sales_amount + s.silent_amount <> s.total_paid_amount
       and not exists (select 1 from marts.kpi_agent_daily as a
                       where a.store_id = s.store_id and a.business_day = s.business_day and a.source = 'report'));
