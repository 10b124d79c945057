-- every buyer message of a day belongs to a consultation, and the consultations count those messages (an incremental recompute: its reception days)
-- As checks/receptions_match_messages.sql over the store-days of reception_day; the messages are read between the
-- send times that can fall on them (scope.sql).
with messages as (
    select m.store_id, m.agent_id, m.buyer_id, cast(m.sent_at - s.day_cutoff as date) as business_day, count(*) as buyer_messages
    from raw.chat_message as m
    join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
    where m.sender = 'buyer' and m.sent_at >= getvariable('rebuilt_bounds').chat_from and m.sent_at < getvariable('rebuilt_bounds').chat_to
    group by all
),

day_messages as (
    select * from messages semi join reception_day using (store_id, business_day)
),

day_receptions as (
    select * from core.fct_reception semi join reception_day using (store_id, business_day)
)

select coalesce(m.store_id, r.store_id) as store_id, coalesce(m.agent_id, r.agent_id) as agent_id,
       coalesce(m.buyer_id, r.buyer_id) as buyer_id, coalesce(m.business_day, r.business_day) as business_day,
       m.buyer_messages as in_raw, r.buyer_messages as in_reception
from day_messages as m
full join day_receptions as r using (store_id, agent_id, buyer_id, business_day)
where m.buyer_messages is distinct from r.buyer_messages;
