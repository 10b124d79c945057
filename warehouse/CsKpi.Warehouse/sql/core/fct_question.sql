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

starts as (
    select
        *,
        is_buyer and coalesce(not lag(is_buyer) over consultation, true) as starts_question
    from turns
    window consultation as (partition by consultation_key order by sent_at, load_seq)
),

numbered as (
    select
        *,
        sum(starts_question::integer) over (
            partition by consultation_key order by sent_at, load_seq rows between unbounded preceding and current row) as question_no
    from starts
),

questions as (
    select
        consultation_key, question_no::integer as question_no,
        min(sent_at) filter (where starts_question) as asked_at,
        count(*) filter (where is_buyer) as buyer_messages,
        min(sent_at) filter (where not is_buyer) as replied_at
    from numbered
    where question_no > 0
    group by consultation_key, question_no
)

select c.store_id, c.agent_id, c.buyer_id, c.business_day, q.consultation_key, q.question_no, q.asked_at,
       q.buyer_messages, q.replied_at, epoch(q.replied_at) - epoch(q.asked_at) as response_seconds
from questions as q
join reception_consultation as c using (consultation_key)
-- Written in (store, day) order, as every fact: after a full recompute each row group then holds a few days of one
-- store, so the daily path's day-bounded deletes and reads skip the rest by their min/max. In the order of the hash
-- aggregates and windows every row group of a fact spanned the whole history and a day's recompute read it all.
order by c.store_id, c.business_day;
