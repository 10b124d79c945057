-- the agent rows of a day sum to its team rows, and the team rows to its store row
with agent_sums as (
    select store_id, team, business_day, sum(consult_buyers) as consult_buyers, sum(received_buyers) as received_buyers,
           sum(replied_buyers) as replied_buyers, sum(sales_amount) as sales_amount, sum(inquiry_paid_final) as inquiry_paid_final,
           sum(assist_buyers) as assist_buyers, sum(response_total_seconds) as response_total_seconds
    from marts.kpi_agent_daily group by all
),
team_sums as (
    select store_id, business_day, sum(consult_buyers) as consult_buyers, sum(received_buyers) as received_buyers,
           sum(replied_buyers) as replied_buyers, sum(sales_amount) as sales_amount, sum(inquiry_paid_final) as inquiry_paid_final,
           sum(assist_buyers) as assist_buyers, sum(response_total_seconds) as response_total_seconds
    from marts.kpi_team_daily group by all
)
select 'team' as level, a.store_id, a.business_day, a.team as who
from agent_sums as a
full join marts.kpi_team_daily as t using (store_id, team, business_day)
where row(a.consult_buyers, a.received_buyers, a.replied_buyers, a.sales_amount, a.inquiry_paid_final, a.assist_buyers)
      is distinct from row(t.consult_buyers, t.received_buyers, t.replied_buyers, t.sales_amount, t.inquiry_paid_final, t.assist_buyers)
   or abs(coalesce(a.response_total_seconds, 0) - coalesce(t.response_total_seconds, 0)) > 0.001
union all
select 'store', s.store_id, s.business_day, ''
from team_sums as t
full join marts.kpi_store_daily as s using (store_id, business_day)
where row(coalesce(t.consult_buyers, 0), coalesce(t.received_buyers, 0), coalesce(t.replied_buyers, 0), coalesce(t.sales_amount, 0),
          coalesce(t.inquiry_paid_final, 0), coalesce(t.assist_buyers, 0))
      is distinct from row(s.consult_buyers, s.received_buyers, s.replied_buyers, s.sales_amount, s.inquiry_paid_final, s.assist_buyers)
   or s.sales_amount + s.silent_amount <> s.total_paid_amount;
