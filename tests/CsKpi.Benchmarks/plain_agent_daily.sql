-- The recompute benchmark's baseline (issue 17): the agent-day sums of metrics.md written the way an analyst would,
-- as one plain set-based script over the raw tables: no scope, no deletes, no incremental machinery, windows over
-- the natural keys, one pass per idea. It reads the settings in force per store-day (core.store_day_setting) and the
-- roster's versions (core.dim_agent), which the recompute builds in well under a second, and writes
-- plain_agent_daily (a temp table) for the benchmark to compare with marts.kpi_agent_daily.
-- Left out (not in the seeded data the benchmark uses): agent reports, the platform service metrics, cost and roi.

-- The ad filter's pattern as a constant: DuckDB compiles a pattern read from a column once per message, which made
-- this script 4 times slower on its own (184 of 230 CPU seconds on 1 million messages); the seeded store has one.
set variable plain_ad_pattern = (
    select case when count(distinct ad_pattern) <= 1 then max(ad_pattern) else error('one ad pattern expected') end
    from core.store_day_setting);

-- every non-system message with its business day (the day_cutoff in force on its calendar day)
create or replace temp table plain_message as
select m.store_id, m.agent_id, m.buyer_id, m.sender, m.sent_at, m.load_seq, m.content,
       cast(m.sent_at - s.day_cutoff as date) as business_day
from raw.chat_message as m
join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
where m.sender <> 'system';

-- every order's current state, with its business days
create or replace temp table plain_order as
with current_state as (
    select * from raw.order_state
    qualify row_number() over (partition by store_id, order_id order by updated_at desc nulls last, load_seq desc) = 1
)
select o.store_id, o.order_id, o.buyer_id, o.created_at, o.paid_at, o.amount, o.items, o.refund_amount,
       cast(o.created_at - c.day_cutoff as date) as created_day,
       cast(o.paid_at - p.day_cutoff as date) as paid_day,
       case
           when o.refunded_at is not null then cast(o.refunded_at - r.day_cutoff as date)
           when o.refund_amount > 0 then cast(o.paid_at - p.day_cutoff as date)
       end as refunded_day
from current_state as o
join core.store_day_setting as c on c.store_id = o.store_id and c.business_day = cast(o.created_at as date)
left join core.store_day_setting as p on p.store_id = o.store_id and p.business_day = cast(o.paid_at as date)
left join core.store_day_setting as r on r.store_id = o.store_id and r.business_day = cast(o.refunded_at as date);

-- one row per consultation (store, agent, buyer, business day) in which the buyer wrote
create or replace temp table plain_reception as
with messages as (
    select m.*, s.max_wait_seconds, s.slow_seconds, s.slow_count, s.aftersale_days, s.count_auto_replies,
           s.filter_buyers,
           epoch(m.sent_at) - epoch(lag(m.sent_at) over consultation) as gap_seconds
    from plain_message as m
    join core.store_day_setting as s using (store_id, business_day)
    window consultation as (partition by m.store_id, m.agent_id, m.buyer_id, m.business_day order by m.sent_at, m.load_seq)
),

consultations as (
    select
        store_id, agent_id, buyer_id, business_day,
        count(*) filter (where sender = 'buyer') as buyer_messages,
        count(*) filter (where sender = 'agent') as agent_messages,
        min(sent_at) filter (where sender = 'buyer') as first_buyer_at,
        coalesce(sum(gap_seconds) filter (where gap_seconds <= max_wait_seconds), 0) as wait_bounded_seconds,
        case
            when list_contains(any_value(filter_buyers), buyer_id) then 'blocked_buyer'
            when bool_and(coalesce(regexp_matches(content, getvariable('plain_ad_pattern')), false)) filter (where sender = 'buyer') then 'ad'
            when bool_and(coalesce(trim(content), '') = '') filter (where sender = 'buyer') then 'no_text'
        end as filter_reason,
        any_value(slow_count) as slow_count,
        any_value(aftersale_days) as aftersale_days
    from messages
    group by store_id, agent_id, buyer_id, business_day
    having count(*) filter (where sender = 'buyer') > 0
),

-- questions: a run of buyer messages, answered by the first reply after it
turns as (
    select *, sender <> 'buyer' as is_reply
    from messages
    where sender = 'buyer' or sender = 'agent' or (sender = 'auto' and count_auto_replies)
),

started as (
    select *, sender = 'buyer' and coalesce(lag(is_reply) over consultation, true) as starts_question
    from turns
    window consultation as (partition by store_id, agent_id, buyer_id, business_day order by sent_at, load_seq)
),

numbered as (
    select *, sum(starts_question::integer) over (
        partition by store_id, agent_id, buyer_id, business_day order by sent_at, load_seq
        rows between unbounded preceding and current row) as question_no
    from started
),

questions as (
    select store_id, agent_id, buyer_id, business_day, question_no, any_value(slow_seconds) as slow_seconds,
           epoch(min(sent_at) filter (where is_reply)) - epoch(min(sent_at) filter (where starts_question)) as response_seconds
    from numbered
    where question_no > 0
    group by store_id, agent_id, buyer_id, business_day, question_no
),

question_sums as (
    select store_id, agent_id, buyer_id, business_day,
           count(response_seconds) as answered_questions,
           any_value(response_seconds) filter (where question_no = 1) as first_response_seconds,
           coalesce(sum(response_seconds), 0) as response_seconds,
           count(*) filter (where response_seconds > slow_seconds) as slow_questions
    from questions
    group by store_id, agent_id, buyer_id, business_day
),

-- the buyer's last order at the store before the consultation: a recent one makes it after-sales
previous_orders as (
    select c.store_id, c.agent_id, c.buyer_id, c.business_day, o.created_at as last_order_at
    from consultations as c
    asof left join plain_order as o on o.store_id = c.store_id and o.buyer_id = c.buyer_id and o.created_at < c.first_buyer_at
)

select
    c.store_id, c.agent_id, c.buyer_id, c.business_day, c.first_buyer_at, c.buyer_messages, c.agent_messages,
    c.filter_reason is null as is_received,
    c.filter_reason is null and coalesce(a.role, 'presale') <> 'aftersale'
        and (p.last_order_at is null or p.last_order_at < c.first_buyer_at - to_days(c.aftersale_days)) as is_inquiry,
    coalesce(q.answered_questions, 0) as answered_questions,
    q.first_response_seconds,
    coalesce(q.response_seconds, 0) as response_seconds,
    coalesce(q.slow_questions, 0) >= c.slow_count as is_slow,
    coalesce(q.answered_questions, 0) > 0 as is_replied,
    case when coalesce(q.answered_questions, 0) > 0 then c.wait_bounded_seconds else 0 end as reception_seconds
from consultations as c
left join question_sums as q using (store_id, agent_id, buyer_id, business_day)
left join previous_orders as p using (store_id, agent_id, buyer_id, business_day)
left join core.dim_agent as a
  on a.agent_id = c.agent_id and c.business_day >= a.valid_from and (a.valid_to is null or c.business_day < a.valid_to);

-- each order's credited agent under the rule in force on its creation day: the last agent message to its buyer
-- inside a reception, within inquiry_valid_days before creation (order_created) or payment (paid); order_first
-- takes the creation's and falls back on the payment's
create or replace temp table plain_credit as
with agent_messages as (
    select m.store_id, m.buyer_id, m.sent_at, arg_max(m.agent_id, m.load_seq) as agent_id
    from plain_message as m
    semi join plain_reception as r
      on r.store_id = m.store_id and r.agent_id = m.agent_id and r.buyer_id = m.buyer_id
     and r.business_day = m.business_day and r.is_received
    where m.sender = 'agent'
    group by m.store_id, m.buyer_id, m.sent_at
),

orders as (
    select o.*, s.inquiry_valid_days, s.attribution_rule
    from plain_order as o
    join core.store_day_setting as s on s.store_id = o.store_id and s.business_day = o.created_day
),

by_creation as (
    select o.store_id, o.order_id,
           case when m.sent_at >= o.created_at - to_days(o.inquiry_valid_days) then m.agent_id end as agent_id
    from orders as o
    asof left join agent_messages as m on m.store_id = o.store_id and m.buyer_id = o.buyer_id and m.sent_at <= o.created_at
),

by_payment as (
    select o.store_id, o.order_id,
           case when m.sent_at >= o.paid_at - to_days(o.inquiry_valid_days) then m.agent_id end as agent_id
    from orders as o
    asof left join agent_messages as m on m.store_id = o.store_id and m.buyer_id = o.buyer_id and m.sent_at <= o.paid_at
    where o.paid_at is not null
)

select o.*,
       case o.attribution_rule
           when 'order_created' then c.agent_id
           when 'paid' then p.agent_id
           else coalesce(c.agent_id, p.agent_id)
       end as agent_id
from orders as o
left join by_creation as c using (store_id, order_id)
left join by_payment as p using (store_id, order_id);

create or replace temp table plain_agent_daily as
with credited as (
    select * from plain_credit where agent_id is not null
),

receptions as (
    select store_id, agent_id, business_day,
           count(*) as consult_buyers,
           count(*) filter (where is_received) as received_buyers,
           count(*) filter (where is_inquiry) as inquiry_buyers,
           count(*) filter (where is_replied and is_received) as replied_buyers,
           coalesce(sum(buyer_messages) filter (where is_received), 0) as buyer_messages,
           coalesce(sum(agent_messages) filter (where is_received), 0) as agent_messages,
           count(first_response_seconds) filter (where is_received) as first_responses,
           coalesce(sum(first_response_seconds) filter (where is_received), 0) as first_response_total_seconds,
           coalesce(sum(answered_questions) filter (where is_received), 0) as answered_questions,
           coalesce(sum(response_seconds) filter (where is_received), 0) as response_total_seconds,
           count(*) filter (where is_slow and is_received) as slow_buyers,
           coalesce(sum(reception_seconds) filter (where is_received), 0) as reception_seconds
    from plain_reception
    group by all
),

sales as (
    select store_id, agent_id, paid_day as business_day, sum(amount) as sales_amount, sum(items) as sales_items,
           count(distinct buyer_id) as sales_buyers
    from credited where paid_day is not null
    group by all
),

refunds as (
    select store_id, agent_id, refunded_day as business_day, sum(refund_amount) as refund_amount
    from credited where refund_amount > 0 and refunded_day is not null
    group by all
),

conversions as (
    select r.store_id, r.agent_id, r.business_day,
           count(distinct r.buyer_id) filter (where o.paid_day <= r.business_day + 1) as inquiry_paid_next_day,
           count(distinct r.buyer_id) as inquiry_paid_final
    from plain_reception as r
    join core.store_day_setting as s using (store_id, business_day)
    join credited as o
      on o.store_id = r.store_id and o.agent_id = r.agent_id and o.buyer_id = r.buyer_id
     and o.created_at >= r.first_buyer_at and o.paid_day <= r.business_day + s.final_payment_days
    where r.is_inquiry
    group by all
),

-- another agent who wrote to the buyer between inquiry_valid_days before the order's creation and its payment
assists as (
    select o.store_id, m.agent_id, o.paid_day as business_day, count(distinct o.buyer_id) as assist_buyers
    from credited as o
    join plain_message as m
      on m.store_id = o.store_id and m.buyer_id = o.buyer_id and m.sender = 'agent' and m.agent_id <> o.agent_id
     and m.sent_at >= o.created_at - to_days(o.inquiry_valid_days) and m.sent_at <= o.paid_at
    where o.paid_day is not null
    group by all
),

ratings as (
    select store_id, agent_id, business_day, count(*) as rated_buyers, count(*) filter (where score >= 4) as satisfied_buyers
    from (
        select r.store_id, r.agent_id, r.buyer_id, cast(r.rated_at - s.day_cutoff as date) as business_day, r.score
        from raw.rating as r
        join core.store_day_setting as s on s.store_id = r.store_id and s.business_day = cast(r.rated_at as date)
        qualify row_number() over (
            partition by r.store_id, r.agent_id, r.buyer_id, cast(r.rated_at - s.day_cutoff as date)
            order by r.rated_at desc, r.load_seq desc) = 1
    )
    group by all
),

agent_days as (
    select store_id, agent_id, business_day from receptions
    union select store_id, agent_id, business_day from sales
    union select store_id, agent_id, business_day from refunds
    union select store_id, agent_id, business_day from assists
    union select store_id, agent_id, business_day from ratings
)

select
    k.store_id, k.agent_id, k.business_day,
    coalesce(r.consult_buyers, 0) as consult_buyers,
    coalesce(r.consult_buyers - r.received_buyers, 0) as filtered_buyers,
    coalesce(r.received_buyers, 0) as received_buyers,
    coalesce(r.inquiry_buyers, 0) as inquiry_buyers,
    coalesce(r.replied_buyers, 0) as replied_buyers,
    coalesce(r.buyer_messages, 0) as buyer_messages,
    coalesce(r.agent_messages, 0) as agent_messages,
    coalesce(r.first_responses, 0) as first_responses,
    coalesce(r.first_response_total_seconds, 0) as first_response_total_seconds,
    coalesce(r.answered_questions, 0) as answered_questions,
    coalesce(r.response_total_seconds, 0) as response_total_seconds,
    coalesce(r.slow_buyers, 0) as slow_buyers,
    coalesce(r.reception_seconds, 0) as reception_seconds,
    coalesce(s.sales_amount, 0) as sales_amount,
    coalesce(s.sales_items, 0) as sales_items,
    coalesce(s.sales_buyers, 0) as sales_buyers,
    coalesce(f.refund_amount, 0) as refund_amount,
    coalesce(c.inquiry_paid_next_day, 0) as inquiry_paid_next_day,
    coalesce(c.inquiry_paid_final, 0) as inquiry_paid_final,
    coalesce(g.rated_buyers, 0) as rated_buyers,
    coalesce(g.satisfied_buyers, 0) as satisfied_buyers,
    coalesce(a.assist_buyers, 0) as assist_buyers
from agent_days as k
semi join core.dim_agent as v
  on v.agent_id = k.agent_id and k.business_day >= v.valid_from and (v.valid_to is null or k.business_day < v.valid_to)
left join receptions as r using (store_id, agent_id, business_day)
left join sales as s using (store_id, agent_id, business_day)
left join refunds as f using (store_id, agent_id, business_day)
left join conversions as c using (store_id, agent_id, business_day)
left join ratings as g using (store_id, agent_id, business_day)
left join assists as a using (store_id, agent_id, business_day);
