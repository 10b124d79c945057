-- The receptions that did not end in a sale for their agent, as the agent page lists them: a received reception the
-- agent left unanswered ('unanswered', 未回复), or a replied inquiry whose buyer paid no order, created from the
-- reception's first message on, that is credited (in force) to the agent ('lost', 流失).
-- only_agent (optional): that agent's receptions alone, checked against that agent's credits alone (the agent page),
-- rather than every reception of the period against every credit.
-- grain: one row per lost or unanswered reception of a business day in [date_from, date_to]
create or replace macro marts.undecided_reception(date_from, date_to, only_agent := null) as table
select r.*, case when r.is_replied then 'lost' else 'unanswered' end as outcome
from core.fct_reception as r
where r.business_day between date_from::date and date_to::date and r.is_received
  and (only_agent is null or r.agent_id = only_agent)
  and (not r.is_replied or (r.is_inquiry and not exists (
      select 1 from core.fct_order_credit as c join core.fct_order as o using (store_id, order_id)
      where c.in_force and (only_agent is null or c.agent_id = only_agent)
        and c.agent_id = r.agent_id and o.store_id = r.store_id and o.buyer_id = r.buyer_id
        and o.created_at >= r.first_buyer_at and o.paid_at is not null)));
