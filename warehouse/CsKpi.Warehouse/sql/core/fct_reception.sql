-- grain: one row per consultation (store_id, agent_id, buyer_id, business_day) in which the buyer wrote
-- Rebuilds the days of reception_day from reception_message, with the settings in force on each day.
-- Filter reasons are tried in metrics.md's order; a reception is an inquiry unless the agent is after-sale that day
-- or the buyer created an order at the store in the aftersale_days before its first message.
-- The platform service metrics look at persons only (agent messages, never auto replies, whatever count_auto_replies
-- says): how long the first buyer message waited for one, and the longest any buyer message in the platform's
-- service hours waited for one (docs/platform-metrics.md).

delete from core.fct_reception as f using reception_day as d where f.store_id = d.store_id and f.business_day = d.business_day;

-- Only orders created after this can make a reception of these days after-sales: an older order is more than
-- aftersale_days before the first message (two days spare for a day_cutoff), which decides as no order does. A
-- constant DuckDB pushes into the scan, so the join below reads the recent orders, not every order ever loaded
-- (the daily path grew with the history).
set variable reception_orders_from = (
    select (min(d.business_day) - max(r.aftersale_days) - 2)::timestamp
    from reception_day as d join scope_reach as r using (store_id));

insert into core.fct_reception
-- The windows carry narrow rows (key, times, sender, two flags and the two per-message settings); who the
-- consultation is and the per-consultation settings are joined after the aggregation (reception_consultation,
-- fct_question.sql): carrying the text columns and the settings' lists through the window was most of its cost.
with messages as (
    select m.consultation_key, m.sender, m.sent_at, m.load_seq, m.is_ad, m.is_blank, s.max_wait_seconds,
        s.service_hours[1] as service_from, s.service_hours[2] as service_to,
        epoch(m.sent_at) - epoch(date_trunc('day', m.sent_at)) as second_of_day
    from reception_message as m
    join core.store_day_setting as s using (store_id, business_day)
),

gaps as (
    select
        *,
        epoch(sent_at) - epoch(lag(sent_at) over consultation) as gap_seconds,
        -- the next agent message's time: the next non-null value after the row. The minimum over a frame to the
        -- partition's end (the same time: rows are in time order) built a segment tree per partition; on 10 million
        -- messages it made this the costliest window of the recompute (docs/benchmarks.md, issue 17 round 8).
        lead(case when sender = 'agent' then sent_at end ignore nulls) over consultation as next_agent_at,
        case
            when service_from <= service_to then second_of_day >= service_from and second_of_day < service_to
            else second_of_day >= service_from or second_of_day < service_to
        end as in_service_hours
    from messages
    window consultation as (partition by consultation_key order by sent_at, load_seq)
),

consultation_sums as (
    select
        consultation_key,
        count(*) filter (where sender = 'buyer') as buyer_messages,
        count(*) filter (where sender = 'agent') as agent_messages,
        count(*) filter (where sender = 'auto') as auto_messages,
        min(sent_at) filter (where sender = 'buyer') as first_buyer_at,
        coalesce(sum(gap_seconds) filter (where gap_seconds <= max_wait_seconds), 0) as wait_bounded_seconds,
        bool_and(is_ad) filter (where sender = 'buyer') as is_all_ad,
        bool_and(is_blank) filter (where sender = 'buyer') as is_all_empty,
        arg_min(in_service_hours, sent_at) filter (where sender = 'buyer') as is_service_hours,
        -- the agent message after the first buyer message comes first of all the buyer messages' next ones
        epoch(min(next_agent_at) filter (where sender = 'buyer')) - epoch(min(sent_at) filter (where sender = 'buyer'))
            as first_manual_response_seconds,
        max(coalesce(epoch(next_agent_at) - epoch(sent_at), 'infinity'::double)) filter (where sender = 'buyer' and in_service_hours)
            as longest_manual_wait_seconds
    from gaps
    group by consultation_key
    having count(*) filter (where sender = 'buyer') > 0
),

consultations as (
    select
        k.store_id, k.agent_id, k.buyer_id, k.business_day, c.consultation_key,
        c.buyer_messages, c.agent_messages, c.auto_messages, c.first_buyer_at, c.wait_bounded_seconds,
        list_contains(s.filter_buyers, k.buyer_id) as is_blocked_buyer,
        c.is_all_ad, c.is_all_empty, s.slow_count, s.aftersale_days, c.is_service_hours,
        c.first_manual_response_seconds, c.longest_manual_wait_seconds
    from consultation_sums as c
    join reception_consultation as k using (consultation_key)
    join core.store_day_setting as s on s.store_id = k.store_id and s.business_day = k.business_day
),

questions as (
    select
        q.consultation_key,
        count(*) as questions,
        count(q.replied_at) as answered_questions,
        any_value(q.response_seconds) filter (where q.question_no = 1) as first_response_seconds,
        coalesce(sum(q.response_seconds), 0) as response_seconds,
        count(*) filter (where q.response_seconds > s.slow_seconds) as slow_questions
    from core.fct_question as q
    join core.store_day_setting as s on s.store_id = q.store_id and s.business_day = q.business_day
    semi join reception_day as d on d.store_id = q.store_id and d.business_day = q.business_day
    group by q.consultation_key
),

agents as (
    select c.store_id, c.agent_id, c.business_day, any_value(a.agent_key) as agent_key, any_value(a.role) as role
    from (select distinct store_id, agent_id, business_day from consultations) as c
    join core.dim_agent as a
      on a.agent_id = c.agent_id and c.business_day >= a.valid_from and (a.valid_to is null or c.business_day < a.valid_to)
    group by all
),

classified as (
    select
        c.*,
        case
            when c.is_blocked_buyer then 'blocked_buyer'
            when c.is_all_ad then 'ad'
            when c.is_all_empty then 'no_text'
        end as filter_reason
    from consultations as c
),

-- the consultations whose buyer created an order at the store in the aftersale_days before the first buyer message.
-- (The buyer's last order before it, an ASOF join, decided the same: that order is in the window exactly when any is;
-- the ASOF join sorted both sides, 0.22 s of the day's 0.32 s statement under load, where this hash join on the
-- buyer reads each consultation's few orders of the window.)
after_order as (
    select c.consultation_key
    from classified as c
    semi join (
        select store_id, buyer_id, created_at from core.fct_order where created_at >= getvariable('reception_orders_from')
    ) as o
      on o.store_id = c.store_id and o.buyer_id = c.buyer_id
     and o.created_at < c.first_buyer_at and o.created_at >= c.first_buyer_at - to_days(c.aftersale_days)
),

final as (
    select
        c.store_id, c.agent_id, c.buyer_id, c.business_day, c.consultation_key,
        a.agent_key,
        c.filter_reason,
        c.filter_reason is null as is_received,
        c.filter_reason is null
            and coalesce(a.role, 'presale') <> 'aftersale'
            and e.consultation_key is null as is_inquiry,
        c.first_buyer_at,
        c.buyer_messages, c.agent_messages, c.auto_messages,
        coalesce(q.questions, 0) as questions,
        coalesce(q.answered_questions, 0) as answered_questions,
        q.first_response_seconds,
        coalesce(q.response_seconds, 0) as response_seconds,
        coalesce(q.slow_questions, 0) as slow_questions,
        coalesce(q.slow_questions, 0) >= c.slow_count as is_slow,
        coalesce(q.answered_questions, 0) > 0 as is_replied,
        case when coalesce(q.answered_questions, 0) > 0 then c.wait_bounded_seconds else 0 end as reception_seconds,
        c.is_service_hours, c.first_manual_response_seconds, c.longest_manual_wait_seconds
    from classified as c
    left join agents as a on a.store_id = c.store_id and a.agent_id = c.agent_id and a.business_day = c.business_day
    left join questions as q on q.consultation_key = c.consultation_key
    left join after_order as e on e.consultation_key = c.consultation_key
)

select
    store_id, agent_id, buyer_id, business_day, consultation_key, agent_key, filter_reason, is_received, is_inquiry, first_buyer_at,
    buyer_messages, agent_messages, auto_messages, questions, answered_questions, first_response_seconds,
    response_seconds, slow_questions, is_slow and is_received, is_replied and is_received,
    case when is_received then reception_seconds else 0 end,
    is_service_hours, first_manual_response_seconds, longest_manual_wait_seconds
from final
-- written in (store, day) order: see fct_question.sql
order by store_id, business_day;

-- fct_question was built for every consultation of these days; it keeps the questions of receptions only.
-- A question carries its consultation's store and business day (fct_question.sql), so the delete reads the questions
-- of these days only; joined on the key alone, it read every question of the history (a hash spans them all).
delete from core.fct_question as q
using core.fct_reception as r, reception_day as d
where r.consultation_key = q.consultation_key
  and d.store_id = r.store_id and d.business_day = r.business_day
  and q.store_id = d.store_id and q.business_day = d.business_day
  and not r.is_received;
