-- grain: one row per reception picked for review in the ISO week starting $week_start (a Monday)
-- Per agent, in this order and each reception once: the sample_slowest receptions with the slowest mean response,
-- the sample_unanswered with the most unanswered questions, the sample_unconverted inquiries with the most buyer
-- messages whose buyer paid no order credited to the agent, the sample_largest_orders receptions that decided the
-- largest paid orders, then sample_random_share of the rest (rounded up). Ties and the random share are ordered by
-- an md5 of (week, reception): the same on every run and every DuckDB version, so a rerun agrees.
-- An agent that already has a sample for the week is left alone (late-loaded chats never reshuffle a sample
-- reviewers have started on), and a reception already picked is never picked again.

insert or ignore into app.review_sample (week_start, consultation_key, store_id, agent_id, buyer_id, business_day, reason, reason_value)
with receptions as (
    select r.store_id, r.agent_id, r.buyer_id, r.business_day, r.consultation_key, r.is_inquiry, r.first_buyer_at,
           r.questions, r.answered_questions, r.buyer_messages,
           r.response_seconds / nullif(r.answered_questions, 0) as mean_response_seconds,
           md5(strftime($week_start::date, '%Y-%m-%d') || ':' || r.consultation_key::varchar) as draw
    from core.fct_reception as r
    where r.is_received and r.business_day between $week_start::date and $week_start::date + 6
),

unsampled as (
    select r.*
    from receptions as r
    anti join app.review_sample as s
      on s.week_start = $week_start::date and s.store_id = r.store_id and s.agent_id = r.agent_id
),

store_settings as (
    select st.store_id as setting_store, stores.store_id, st.code, st.value
    from (select distinct store_id from unsampled) as stores,
         lateral app.planning_setting_in_force(stores.store_id, $week_start::date + 6) as st
    where st.code in ('sample_slowest', 'sample_unanswered', 'sample_unconverted', 'sample_largest_orders', 'sample_random_share')
),

sizes as (
    select
        store_id,
        coalesce(any_value(value) filter (where code = 'sample_slowest'), '0')::integer as slowest,
        coalesce(any_value(value) filter (where code = 'sample_unanswered'), '0')::integer as unanswered,
        coalesce(any_value(value) filter (where code = 'sample_unconverted'), '0')::integer as unconverted,
        coalesce(any_value(value) filter (where code = 'sample_largest_orders'), '0')::integer as largest_orders,
        coalesce(any_value(value) filter (where code = 'sample_random_share'), '0')::double as random_share
    from store_settings
    group by store_id
),

candidates as (
    select u.*, z.slowest, z.unanswered, z.unconverted, z.largest_orders, z.random_share
    from unsampled as u
    join sizes as z using (store_id)
),

-- paid orders credited (under the store's rule) to an agent, with the reception whose message decided the credit
credited_orders as (
    select c.store_id, c.agent_id, o.buyer_id, c.message_day, o.created_at, o.amount::double as amount
    from core.fct_order_credit as c
    join core.fct_order as o using (store_id, order_id)
    where c.in_force and c.agent_id is not null and o.paid_at is not null
      and o.created_at >= $week_start::timestamp - interval 7 day
),

slowest as (
    select consultation_key, store_id, agent_id, buyer_id, business_day, 'slowest' as reason,
           mean_response_seconds as reason_value
    from candidates
    where answered_questions > 0
    qualify row_number() over (partition by store_id, agent_id order by mean_response_seconds desc, draw) <= slowest
),

unanswered as (
    select consultation_key, store_id, agent_id, buyer_id, business_day, 'unanswered' as reason,
           (questions - answered_questions)::double as reason_value
    from candidates
    where questions > answered_questions
      and consultation_key not in (select consultation_key from slowest)
    qualify row_number() over (partition by store_id, agent_id order by questions - answered_questions desc, draw) <= unanswered
),

unconverted as (
    select c.consultation_key, c.store_id, c.agent_id, c.buyer_id, c.business_day, 'unconverted' as reason,
           c.buyer_messages::double as reason_value
    from candidates as c
    anti join credited_orders as o
      on o.store_id = c.store_id and o.agent_id = c.agent_id and o.buyer_id = c.buyer_id and o.created_at >= c.first_buyer_at
    where c.is_inquiry
      and c.consultation_key not in (select consultation_key from slowest union all select consultation_key from unanswered)
    qualify row_number() over (partition by c.store_id, c.agent_id order by c.buyer_messages desc, c.draw) <= c.unconverted
),

-- a reception's largest paid order among those its messages decided
reception_orders as (
    select c.consultation_key, max(o.amount) as amount
    from candidates as c
    join credited_orders as o
      on o.store_id = c.store_id and o.agent_id = c.agent_id and o.buyer_id = c.buyer_id and o.message_day = c.business_day
    group by c.consultation_key
),

largest_order as (
    select c.consultation_key, c.store_id, c.agent_id, c.buyer_id, c.business_day, 'largest_order' as reason,
           o.amount as reason_value
    from candidates as c
    join reception_orders as o using (consultation_key)
    where c.consultation_key not in (
        select consultation_key from slowest union all select consultation_key from unanswered
        union all select consultation_key from unconverted)
    qualify row_number() over (partition by c.store_id, c.agent_id order by o.amount desc, c.draw) <= c.largest_orders
),

picked as (
    select * from slowest
    union all
    select * from unanswered
    union all
    select * from unconverted
    union all
    select * from largest_order
),

rest as (
    select c.*, count(*) over (partition by c.store_id, c.agent_id) as remaining
    from candidates as c
    anti join picked as p using (consultation_key)
),

random_share as (
    select consultation_key, store_id, agent_id, buyer_id, business_day, 'random' as reason, null::double as reason_value
    from rest
    qualify row_number() over (partition by store_id, agent_id order by draw) <= ceil(random_share * remaining)
),

final as (
    select * from picked
    union all
    select * from random_share
)

select $week_start::date, consultation_key, store_id, agent_id, buyer_id, business_day, reason, reason_value
from final;
