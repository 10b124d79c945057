-- grain: one row per question (store_id, agent_id, buyer_id, business_day, question_no)
-- Rebuilds the days of reception_day from reception_message. Runs before fct_reception, which sums these rows
-- and then drops the questions of filtered consultations.
-- A question begins at the consultation's first buyer message or at a buyer message that follows a reply; its
-- reply is the first reply after it. Replies are agent messages, and auto messages when count_auto_replies is
-- on; other auto messages are neither a reply nor a break in a run of buyer messages. Ties in sent_at keep load order.
-- Windows run over the integer consultation_key: partitions on four text columns cost several times more.
-- The one window pass over the messages (reception_turn, below) serves fct_reception too.

delete from core.fct_question as f using reception_day as d where f.store_id = d.store_id and f.business_day = d.business_day;

-- grain: one row per consultation of reception_message: who and when, looked up after the windows so that the
-- windows sort narrow rows (key, times, one flag) rather than carrying four text columns through every pass; on 1
-- million messages the payload was most of the two windows' time. fct_reception uses it too.
create or replace temp table reception_consultation as
select consultation_key, any_value(store_id) as store_id, any_value(agent_id) as agent_id,
       any_value(buyer_id) as buyer_id, any_value(business_day) as business_day
from reception_message
group by consultation_key;

-- grain: one row per message of reception_message with what the windows say of it: one sort of every message by
-- (consultation, time, load order) for both fct_question and fct_reception, which sorted them three times (two
-- passes here, one there). Narrow rows: the key, times, flags and the two per-message settings.
create or replace temp table reception_turn as
with messages as (
    select m.consultation_key, m.sender, m.sent_at, m.load_seq, m.is_ad, m.is_blank, s.max_wait_seconds,
        s.service_hours[1] as service_from, s.service_hours[2] as service_to,
        -- a reply: an agent message, or an auto message when count_auto_replies is on
        m.sender = 'agent' or (m.sender = 'auto' and s.count_auto_replies) as is_reply,
        epoch(m.sent_at) - epoch(date_trunc('day', m.sent_at)) as second_of_day
    from reception_message as m
    join core.store_day_setting as s using (store_id, business_day)
)

select
    consultation_key, sender, sent_at, is_ad, is_blank,
    -- the gap since the previous message, when it counts towards the reception time (at most max_wait_seconds)
    case when epoch(sent_at) - epoch(lag(sent_at) over consultation) <= max_wait_seconds
         then epoch(sent_at) - epoch(lag(sent_at) over consultation) end as bounded_gap_seconds,
    -- the next agent message (fct_reception's platform metrics) and the next reply (a question's answer)
    min(case when sender = 'agent' then sent_at end) over (consultation rows between 1 following and unbounded following) as next_agent_at,
    min(case when is_reply then sent_at end) over (consultation rows between 1 following and unbounded following) as next_reply_at,
    -- the last reply at or before this message: the buyer messages that share it are one run, i.e. one question
    last_value(case when is_reply then sent_at end ignore nulls) over (consultation rows between unbounded preceding and current row) as after_reply_at,
    last_value(case when is_reply then load_seq end ignore nulls) over (consultation rows between unbounded preceding and current row) as after_reply_seq,
    case
        when service_from <= service_to then second_of_day >= service_from and second_of_day < service_to
        else second_of_day >= service_from or second_of_day < service_to
    end as in_service_hours
from messages
window consultation as (partition by consultation_key order by sent_at, load_seq);

insert into core.fct_question
-- A question is a run of buyer messages with no reply between them (other auto messages neither reply nor break a
-- run): the buyer messages after one reply (or before any). It is asked at its first message and answered by the
-- first reply after its last; numbered in order within the consultation.
with runs as (
    select
        consultation_key, after_reply_at, after_reply_seq,
        min(sent_at) as asked_at,
        count(*) as buyer_messages,
        min(next_reply_at) as replied_at
    from reception_turn
    where sender = 'buyer'
    group by consultation_key, after_reply_at, after_reply_seq
),

questions as (
    select consultation_key, asked_at, buyer_messages, replied_at,
        row_number() over (
            partition by consultation_key order by after_reply_at nulls first, after_reply_seq nulls first)::integer as question_no
    from runs
)

select c.store_id, c.agent_id, c.buyer_id, c.business_day, q.consultation_key, q.question_no, q.asked_at,
       q.buyer_messages, q.replied_at, epoch(q.replied_at) - epoch(q.asked_at) as response_seconds
from questions as q
join reception_consultation as c using (consultation_key)
-- Written in (store, day) order, as every fact: after a full recompute each row group then holds a few days of one
-- store, so the daily path's day-bounded deletes and reads skip the rest by their min/max. In the order of the hash
-- aggregates and windows every row group of a fact spanned the whole history and a day's recompute read it all.
order by c.store_id, c.business_day;
