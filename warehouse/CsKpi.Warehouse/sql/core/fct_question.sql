-- grain: one row per question (store_id, agent_id, buyer_id, business_day, question_no)
-- Rebuilds the days of reception_day: the questions reception_message marked (reception_message.sql says what a
-- question is) whose consultation fct_reception, built just before, found a reception; the questions of filtered
-- consultations are never written.

delete from core.fct_question as f using reception_day as d where f.store_id = d.store_id and f.business_day = d.business_day;

insert into core.fct_question
-- numbered 1, 2, … in the consultation by the buyer messages before them: a window over the questions (a third of
-- the messages), not the messages. A question's buyer messages are those before the next question's first one.
with questions as (
    select
        consultation_key,
        row_number() over consultation as question_no,
        sent_at as asked_at, buyers_before,
        lead(buyers_before) over consultation as next_buyers_before,
        replied_at, response_seconds
    from reception_message
    where is_question
    window consultation as (partition by consultation_key order by buyers_before)
)

select r.store_id, r.agent_id, r.buyer_id, r.business_day, q.consultation_key, q.question_no, q.asked_at,
       coalesce(q.next_buyers_before, r.buyer_messages) - q.buyers_before as buyer_messages,
       q.replied_at, q.response_seconds
from questions as q
join reception_received as r on r.consultation_key = q.consultation_key
-- Written in (store, day) order, as every fact: after a full recompute each row group then holds a few days of one
-- store, so the daily path's day-bounded deletes and reads skip the rest by their min/max. In the order of the hash
-- aggregates and windows every row group of a fact spanned the whole history and a day's recompute read it all.
-- day_no is the day's place in that order (recompute_scope.sql): one integer sorts cheaper than the store's name and
-- the day.
order by r.day_no;
