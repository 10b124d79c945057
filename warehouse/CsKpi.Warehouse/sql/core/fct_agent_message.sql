-- grain: one row per agent message (message_key): not auto, not system
-- Rebuilds the days of reception_day from reception_message, after fct_reception has said which consultations
-- are receptions: only a message in a reception credits an order, while any agent message counts as assist.

delete from core.fct_agent_message as f using reception_day as d where f.store_id = d.store_id and f.business_day = d.business_day;

insert into core.fct_agent_message
select
    m.store_id, m.agent_id, m.buyer_id, m.business_day, m.consultation_key, m.sent_at, m.load_seq, m.message_key,
    coalesce(r.is_received, false) as is_in_reception
from reception_message as m
-- A consultation's reception has the store and business day its key hashes (reception_message.sql), rebuilt just
-- before for these days: matched on them too, the scan of core.fct_reception reads these days' row groups (the table
-- is in (store, day) order) where on the key alone (a hash: its min/max prune nothing) it read every reception.
left join core.fct_reception as r
  on r.consultation_key = m.consultation_key and r.store_id = m.store_id and r.business_day = m.business_day
where m.sender = 'agent'
-- written in (store, day) order: see fct_question.sql
order by m.store_id, m.business_day;
