-- The read alone of floor_message_window.sql: every non-system message with its business day, nothing sorted or
-- written (the sum keeps every column read).
select count(*) as messages, sum(epoch(m.sent_at) - epoch(cast(m.sent_at - s.day_cutoff as date))) as seconds
from raw.chat_message as m
join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
where m.sender <> 'system';
