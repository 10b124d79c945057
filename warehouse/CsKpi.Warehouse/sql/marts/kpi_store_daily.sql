-- grain: one row per store per business day (store_id, business_day)
-- Counts are sums of the store's team rows of that day (so of its agents), ratios are ratios of those sums; the
-- store-only numbers come from every order paid that day, credited or silent.

delete from marts.kpi_store_daily as k using mart_day as d where k.store_id = d.store_id and k.business_day = d.business_day;

insert into marts.kpi_store_daily
with sums as (
    select
        store_id, business_day,
        sum(agents) as agents,
        sum(consult_buyers) as consult_buyers, sum(filtered_buyers) as filtered_buyers,
        sum(received_buyers) as received_buyers, sum(inquiry_buyers) as inquiry_buyers,
        sum(replied_buyers) as replied_buyers, sum(buyer_messages) as buyer_messages, sum(agent_messages) as agent_messages,
        sum(slow_buyers) as slow_buyers, sum(reception_seconds) as reception_seconds,
        sum(sales_amount) as sales_amount, sum(sales_items) as sales_items, sum(sales_buyers) as sales_buyers,
        sum(refund_amount) as refund_amount,
        sum(inquiry_paid_next_day) as inquiry_paid_next_day, sum(inquiry_paid_final) as inquiry_paid_final,
        sum(rated_buyers) as rated_buyers, sum(satisfied_buyers) as satisfied_buyers, sum(assist_buyers) as assist_buyers,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional,
        sum(first_responses) as first_responses, sum(first_response_total_seconds) as first_response_total_seconds,
        sum(answered_questions) as answered_questions, sum(response_total_seconds) as response_total_seconds,
        sum(costed_sales_amount) as costed_sales_amount,
        sum(daily_cost) as daily_cost
    from marts.kpi_team_daily as t
    semi join mart_day as d on d.store_id = t.store_id and d.business_day = t.business_day
    group by store_id, business_day
),

paid as (
    select
        o.store_id, o.paid_day as business_day,
        sum(o.amount) as total_paid_amount,
        coalesce(sum(o.amount) filter (where c.agent_id is null), 0) as silent_amount,
        count(distinct o.buyer_id) as paid_buyers,
        count(distinct o.buyer_id) filter (where c.agent_id is not null) as credited_paid_buyers
    from core.fct_order as o
    semi join mart_day as d on d.store_id = o.store_id and d.business_day = o.paid_day
    join core.fct_order_credit as c on c.store_id = o.store_id and c.order_id = o.order_id and c.in_force
    group by all
),

days as (
    select store_id, business_day from sums
    union
    select store_id, business_day from paid
)

select
    k.store_id, k.business_day, coalesce(s.agents, 0) as agents,
    coalesce(s.consult_buyers, 0) as consult_buyers, coalesce(s.filtered_buyers, 0) as filtered_buyers,
    coalesce(s.received_buyers, 0) as received_buyers, coalesce(s.inquiry_buyers, 0) as inquiry_buyers,
    coalesce(s.replied_buyers, 0) as replied_buyers,
    coalesce(s.received_buyers - s.replied_buyers, 0) as unreplied_buyers,
    marts.ratio(s.replied_buyers, s.received_buyers) as reply_rate,
    coalesce(s.buyer_messages, 0) as buyer_messages, coalesce(s.agent_messages, 0) as agent_messages,
    marts.ratio(s.agent_messages, s.buyer_messages) as qa_ratio,
    marts.ratio(s.first_response_total_seconds, s.first_responses) as first_response_seconds,
    marts.ratio(s.response_total_seconds, s.answered_questions) as avg_response_seconds,
    coalesce(s.slow_buyers, 0) as slow_buyers, coalesce(s.reception_seconds, 0) as reception_seconds,
    marts.ratio(s.reception_seconds, s.replied_buyers) as avg_reception_seconds,
    coalesce(s.sales_amount, 0) as sales_amount, coalesce(s.sales_items, 0) as sales_items,
    coalesce(s.sales_buyers, 0) as sales_buyers,
    marts.ratio(s.sales_amount, s.sales_buyers) as aov,
    marts.ratio(s.sales_items, s.sales_buyers) as items_per_buyer,
    coalesce(s.refund_amount, 0) as refund_amount,
    coalesce(s.inquiry_paid_next_day, 0) as inquiry_paid_next_day, coalesce(s.inquiry_paid_final, 0) as inquiry_paid_final,
    marts.ratio(s.inquiry_paid_next_day, s.inquiry_buyers) as next_day_conversion,
    marts.ratio(s.inquiry_paid_final, s.inquiry_buyers) as final_conversion,
    coalesce(s.rated_buyers, 0) as rated_buyers, coalesce(s.satisfied_buyers, 0) as satisfied_buyers,
    marts.ratio(s.satisfied_buyers, s.rated_buyers) as satisfaction_rate,
    marts.ratio(s.costed_sales_amount, s.daily_cost) as roi,
    coalesce(s.assist_buyers, 0) as assist_buyers,
    coalesce(p.total_paid_amount, 0) as total_paid_amount,
    coalesce(p.silent_amount, 0) as silent_amount,
    marts.ratio(p.total_paid_amount - p.silent_amount, p.total_paid_amount) as cs_sales_share,
    coalesce(p.paid_buyers, 0) as paid_buyers,
    coalesce(p.credited_paid_buyers, 0) as credited_paid_buyers,
    marts.ratio(p.credited_paid_buyers, p.paid_buyers) as cs_buyer_share,
    coalesce(s.next_day_provisional, true) as next_day_provisional,
    coalesce(s.final_provisional, true) as final_provisional,
    coalesce(s.first_responses, 0) as first_responses,
    coalesce(s.first_response_total_seconds, 0) as first_response_total_seconds,
    coalesce(s.answered_questions, 0) as answered_questions,
    coalesce(s.response_total_seconds, 0) as response_total_seconds,
    coalesce(s.costed_sales_amount, 0) as costed_sales_amount,
    s.daily_cost
from days as k
left join sums as s using (store_id, business_day)
left join paid as p using (store_id, business_day);
