-- grain: one row per consultation (store_id, agent_id, buyer_id, business_day) in which the buyer wrote
-- Rebuilds the days of reception_day from reception_consultation and reception_message (temp tables), with the
-- settings in force on each day. Built before fct_question, which then writes the questions of receptions only.
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
-- The sums run over reception_message's narrow rows (key, time, flags and what the window placed), a question on
-- the row of its first buyer message; who the consultation is, what its buyer messages say and the
-- per-consultation settings are joined after the aggregation.
with message_sums as (
    select
        consultation_key,
        count(*) filter (where is_agent) as agent_messages,
        count(*) filter (where not is_buyer and not is_agent) as auto_messages,
        coalesce(sum(wait_seconds), 0) as wait_bounded_seconds,
        -- the agent message after the first buyer message comes first of all the buyer messages' next ones
        min(next_agent_at) as first_manual_at,
        max(manual_wait_seconds) as longest_manual_wait_seconds,
        count(*) filter (where is_question) as questions,
        count(replied_at) as answered_questions,
        -- the first question's reply: a later question begins after a reply, so the first one is answered when any is
        min(replied_at) as first_replied_at,
        coalesce(sum(response_seconds), 0) as response_seconds,
        count(*) filter (where is_slow) as slow_questions
    from reception_message
    group by consultation_key
),

consultations as (
    select
        k.store_id, k.agent_id, k.buyer_id, k.business_day, k.day_no, k.consultation_key,
        k.buyer_messages, c.agent_messages, c.auto_messages, k.first_buyer_at, c.wait_bounded_seconds,
        list_contains(s.filter_buyers, k.buyer_id) as is_blocked_buyer,
        k.is_all_ad, k.is_all_empty, s.slow_count, s.aftersale_days, k.is_service_hours,
        epoch(c.first_manual_at) - epoch(k.first_buyer_at) as first_manual_response_seconds,
        c.longest_manual_wait_seconds,
        c.questions, c.answered_questions, epoch(c.first_replied_at) - epoch(k.first_buyer_at) as first_response_seconds,
        c.response_seconds, c.slow_questions
    from reception_consultation as k
    join message_sums as c using (consultation_key)
    join core.store_day_setting as s on s.store_id = k.store_id and s.business_day = k.business_day
),

-- agents and after_order read reception_consultation (every consultation of consultations, the same keys), not
-- consultations: a CTE read more than once DuckDB writes out whole, 1.24 M wide rows on the month, before any reader.
agents as (
    select c.store_id, c.agent_id, c.business_day, any_value(a.agent_key) as agent_key, any_value(a.role) as role
    from (select distinct store_id, agent_id, business_day from reception_consultation) as c
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
    from reception_consultation as c
    join core.store_day_setting as s on s.store_id = c.store_id and s.business_day = c.business_day
    semi join (
        select store_id, buyer_id, created_at from core.fct_order where created_at >= getvariable('reception_orders_from')
    ) as o
      on o.store_id = c.store_id and o.buyer_id = c.buyer_id
     and o.created_at < c.first_buyer_at and o.created_at >= c.first_buyer_at - to_days(s.aftersale_days)
),

final as (
    select
        c.store_id, c.agent_id, c.buyer_id, c.business_day, c.day_no, c.consultation_key,
        a.agent_key,
        c.filter_reason,
        c.filter_reason is null as is_received,
        c.filter_reason is null
            and coalesce(a.role, 'presale') <> 'aftersale'
            and e.consultation_key is null as is_inquiry,
        c.first_buyer_at,
        c.buyer_messages, c.agent_messages, c.auto_messages,
        c.questions, c.answered_questions, c.first_response_seconds, c.response_seconds, c.slow_questions,
        c.slow_questions >= c.slow_count as is_slow,
        c.answered_questions > 0 as is_replied,
        case when c.answered_questions > 0 then c.wait_bounded_seconds else 0 end as reception_seconds,
        c.is_service_hours, c.first_manual_response_seconds, c.longest_manual_wait_seconds
    from classified as c
    left join agents as a on a.store_id = c.store_id and a.agent_id = c.agent_id and a.business_day = c.business_day
    left join after_order as e on e.consultation_key = c.consultation_key
)

select
    store_id, agent_id, buyer_id, business_day, consultation_key, agent_key, filter_reason, is_received, is_inquiry, first_buyer_at,
    buyer_messages, agent_messages, auto_messages, questions, answered_questions, first_response_seconds,
    response_seconds, slow_questions, is_slow and is_received, is_replied and is_received,
    case when is_received then reception_seconds else 0 end,
    is_service_hours, first_manual_response_seconds, longest_manual_wait_seconds
from final
-- written in (store, day) order: see fct_question.sql (day_no: the day's place in that order, recompute_scope.sql)
order by day_no;

-- grain: one row per received consultation of reception_day (core.fct_reception's, just rebuilt): what fct_question and
-- fct_agent_message read of them, with the day's place in (store, day) order (day_no, recompute_scope.sql). Matched on
-- their store and day too, the scan of core.fct_reception reads these days' row groups (the table is in (store, day)
-- order), where on the key alone (a hash: its min/max prune nothing) it read every reception.
create or replace temp view reception_received as
select r.store_id, r.agent_id, r.buyer_id, r.business_day, d.day_no, r.consultation_key, r.buyer_messages
from core.fct_reception as r
join reception_ad_day as d on d.store_id = r.store_id and d.business_day = r.business_day
where r.is_received;
