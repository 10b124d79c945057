-- every buyer message of a day belongs to a consultation, and the consultations count those messages
-- The messages are counted by consultation_key, the hash of (store, agent, buyer, business day) that every reception
-- carries (0008_core.sql): ten million messages grouped by one integer instead of four text columns (issue 17). A
-- reception whose key is not the hash of its own columns fails here too, so a reception moved to another agent, buyer
-- or day under its old key is found as before, when the four columns were compared.
with messages as (
    select hash(m.store_id, m.agent_id, m.buyer_id, cast(m.sent_at - s.day_cutoff as date)) as consultation_key,
           count(*) as buyer_messages,
           -- one message of the consultation, to say who it is when it has no reception (a row number, not four texts)
           min(m.rowid) as message_row
    from raw.chat_message as m
    join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
    where m.sender = 'buyer'
    group by all
),

mismatch as materialized (
    select m.message_row, m.buyer_messages as in_raw, r.buyer_messages as in_reception,
           r.store_id, r.agent_id, r.buyer_id, r.business_day
    from messages as m
    full join core.fct_reception as r using (consultation_key)
    where m.buyer_messages is distinct from r.buyer_messages
       or r.consultation_key <> hash(r.store_id, r.agent_id, r.buyer_id, r.business_day)
),

unreceived as (
    select m.rowid as message_row, m.store_id, m.agent_id, m.buyer_id, cast(m.sent_at - s.day_cutoff as date) as business_day
    from raw.chat_message as m
    join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
    -- (spelled out for the first thousand only: a limit DuckDB also reads as the size of this side of the join, so it
    -- builds its hash table here and stops at once when all is well, instead of hashing ten million rows)
    where m.rowid in (select message_row from mismatch where store_id is null limit 1000)
)

select coalesce(x.store_id, u.store_id) as store_id, coalesce(x.agent_id, u.agent_id) as agent_id,
       coalesce(x.buyer_id, u.buyer_id) as buyer_id, coalesce(x.business_day, u.business_day) as business_day,
       x.in_raw, x.in_reception
from mismatch as x
left join unreceived as u using (message_row);
