-- grain: one row per agent message (message_key): not auto, not system
-- Rebuilds the days of reception_day from reception_chat (raw: reception_message carries no text), after
-- fct_reception has said which consultations are receptions: only a message in a reception credits an order, while
-- any agent message counts as assist.

delete from core.fct_agent_message as f using reception_day as d where f.store_id = d.store_id and f.business_day = d.business_day;

insert into core.fct_agent_message
select
    m.store_id, m.agent_id, m.buyer_id, m.business_day, m.consultation_key, m.sent_at, m.load_seq, m.message_key,
    -- A mark join whose table holds the received keys of these days; a left join on the receptions built its table
    -- on the 3.6 million agent messages with their text columns (DuckDB put the smaller estimate on the probe side).
    -- (reception_received: the received consultations of these days, fct_reception.sql)
    m.consultation_key in (select consultation_key from reception_received) as is_in_reception
from reception_chat as m
where m.sender = 'agent'
-- written in (store, day) order: see fct_question.sql (day_no: the day's place in that order, recompute_scope.sql)
order by m.day_no;
