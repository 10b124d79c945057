-- The receptions that did not end in a sale for their agent, as the agent page lists them: a received reception the
-- agent left unanswered ('unanswered', 未回复), or a replied inquiry whose buyer paid no order, created from the
-- reception's first message on, that is credited (in force) to the agent ('lost', 流失). While the agent-day's final
-- conversion is still provisional (延迟统计: the buyer may yet pay within final_payment_days) such an inquiry is
-- 'pending' (待定), not lost: calling it lost would contradict the conversion that later counts it as a sale.
-- only_agent (optional): that agent's receptions alone, checked against that agent's credits alone (the agent page),
-- rather than every reception of the period against every credit. The credited paid orders are marts.agent_order's
-- (in force, to an agent, paid), read by agent rather than joined from both facts.
-- grain: one row per lost, pending or unanswered reception of a business day in [date_from, date_to]
create or replace macro marts.undecided_reception(date_from, date_to, only_agent := null) as table
select r.*,
       case when not r.is_replied then 'unanswered'
            when coalesce(d.final_provisional, false) then 'pending'
            else 'lost' end as outcome
from core.fct_reception as r
left join marts.kpi_agent_daily as d
  on d.store_id = r.store_id and d.agent_id = r.agent_id and d.business_day = r.business_day
where r.business_day between date_from::date and date_to::date and r.is_received
  and (only_agent is null or r.agent_id = only_agent)
  and (not r.is_replied or (r.is_inquiry and not exists (
      select 1 from marts.agent_order as o
      where (only_agent is null or o.agent_id = only_agent)
        and o.agent_id = r.agent_id and o.store_id = r.store_id and o.buyer_id = r.buyer_id
        and o.created_at >= r.first_buyer_at)));
