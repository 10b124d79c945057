-- every buyer message of a day belongs to a consultation, and the consultations count those messages
with messages as (
    select m.store_id, m.agent_id, m.buyer_id, cast(m.sent_at - s.day_cutoff as date) as business_day, count(*) as buyer_messages
    from raw.chat_message as m
    join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
    where m.sender = 'buyer'
    group by all
)
select coalesce(m.store_id, r.store_id) as store_id, coalesce(m.agent_id, r.agent_id) as agent_id,
       coalesce(m.buyer_id, r.buyer_id) as buyer_id, coalesce(m.business_day, r.business_day) as business_day,
       m.buyer_messages as in_raw, r.buyer_messages as in_reception
from messages as m
full join core.fct_reception as r using (store_id, agent_id, buyer_id, business_day)
where m.buyer_messages is distinct from r.buyer_messages;
