-- grain: one row per agent message (message_key): not auto, not system
-- Rebuilds the days of reception_day from reception_message, after fct_reception has said which consultations
-- are receptions: only a message in a reception credits an order, while any agent message counts as assist.

delete from core.fct_agent_message as f using reception_day as d where f.store_id = d.store_id and f.business_day = d.business_day;

insert into core.fct_agent_message
select
    m.store_id, m.agent_id, m.buyer_id, m.business_day, m.consultation_key, m.sent_at, m.load_seq, m.message_key,
    coalesce(r.is_received, false) as is_in_reception
from reception_message as m
left join core.fct_reception as r on r.consultation_key = m.consultation_key
where m.sender = 'agent'
-- written in (store, day) order: see fct_question.sql
order by m.store_id, m.business_day;
