-- grain: one row per question (store_id, agent_id, buyer_id, business_day, question_no)
-- Rebuilds the days of reception_day from reception_message. Runs before fct_reception, which sums these rows
-- and then drops the questions of filtered consultations.
-- A question begins at the consultation's first buyer message or at a buyer message that follows a reply; its
-- reply is the first reply after it. Replies are agent messages, and auto messages when count_auto_replies is
-- on; other auto messages are neither a reply nor a break in a run of buyer messages. Ties in sent_at keep load order.
-- Windows run over the integer consultation_key: partitions on four text columns cost several times more.

delete from core.fct_question as f using reception_day as d where f.store_id = d.store_id and f.business_day = d.business_day;

-- grain: one row per consultation of reception_message: who and when, looked up after the windows so that the
-- windows sort narrow rows (key, times, one flag) rather than carrying four text columns through every pass; on 1
-- million messages the payload was most of the two windows' time. fct_reception uses it too.
create or replace temp table reception_consultation as
select consultation_key, any_value(store_id) as store_id, any_value(agent_id) as agent_id,
       any_value(buyer_id) as buyer_id, any_value(business_day) as business_day
from reception_message
group by consultation_key;

insert into core.fct_question
-- Only an auto message needs its day's count_auto_replies: buyer and agent messages skip the join with the settings
-- (a hash join probed by every message on a text and a date, for one flag that decides a minority of them).
with turns as (
    select m.consultation_key, m.sent_at, m.load_seq, m.sender = 'buyer' as is_buyer
    from reception_message as m
    where m.sender = 'buyer' or m.sender = 'agent'
    union all
    select m.consultation_key, m.sent_at, m.load_seq, false
    from reception_message as m
    join core.store_day_setting as s using (store_id, business_day)
    where m.sender = 'auto' and s.count_auto_replies
),

-- A question is the run of buyer messages between two replies, so the number of replies before a turn names its
-- question: the buyer messages of a run share it, and so does the first reply after them (counted before itself).
-- One window pass; the lag of is_buyer and then a running sum of question starts were two passes over every turn.
counted as (
    select
        consultation_key, sent_at, is_buyer,
        count(*) filter (where not is_buyer) over (
            partition by consultation_key order by sent_at, load_seq rows between unbounded preceding and current row)
            - (not is_buyer)::integer as replies_before
    from turns
),

-- replies before the consultation's first buyer message, and every reply after the first of a run, are no question
questions as (
    select
        consultation_key, replies_before,
        min(sent_at) filter (where is_buyer) as asked_at,
        count(*) filter (where is_buyer) as buyer_messages,
        min(sent_at) filter (where not is_buyer) as replied_at
    from counted
    group by consultation_key, replies_before
    having count(*) filter (where is_buyer) > 0
),

-- numbered 1, 2, … in the consultation: a window over the questions (a third of the turns), not the messages
numbered as (
    select
        consultation_key,
        row_number() over (partition by consultation_key order by replies_before)::integer as question_no,
        asked_at, buyer_messages, replied_at
    from questions
)

select c.store_id, c.agent_id, c.buyer_id, c.business_day, q.consultation_key, q.question_no, q.asked_at,
       q.buyer_messages, q.replied_at, epoch(q.replied_at) - epoch(q.asked_at) as response_seconds
from numbered as q
join reception_consultation as c using (consultation_key)
-- Written in (store, day) order, as every fact: after a full recompute each row group then holds a few days of one
-- store, so the daily path's day-bounded deletes and reads skip the rest by their min/max. In the order of the hash
-- aggregates and windows every row group of a fact spanned the whole history and a day's recompute read it all.
order by c.store_id, c.business_day;
