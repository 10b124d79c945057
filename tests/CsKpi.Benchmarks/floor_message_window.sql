-- The recompute benchmark's floor (issue 17): what any implementation of the agent-day KPIs must do at least once,
-- in its narrowest form. Every non-system message is read with its business day (the day_cutoff in force on its
-- calendar day), and each consultation's messages are put in time order once: the reception time sums the gaps
-- between a message and the one before it, and a question is answered by the first reply after it, so nothing that
-- computes them escapes one sort of the messages by (consultation, time, load order). Here the consultation is one
-- 64-bit key, the window carries three columns, and nothing is written: one number comes out.
select count(*) as messages, sum(gap_seconds) as gap_seconds
from (
    select epoch(sent_at) - epoch(lag(sent_at) over (partition by consultation_key order by sent_at, load_seq)) as gap_seconds
    from (
        select hash(m.store_id, m.agent_id, m.buyer_id, cast(m.sent_at - s.day_cutoff as date)) as consultation_key,
               m.sent_at, m.load_seq
        from raw.chat_message as m
        join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
        where m.sender <> 'system'
    )
);
