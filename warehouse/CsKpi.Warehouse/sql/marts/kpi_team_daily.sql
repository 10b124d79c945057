-- grain: one row per team per business day (store_id, team, business_day)
-- Counts are sums of the team's agent rows of that day; ratios are ratios of those sums (metrics.md).

delete from marts.kpi_team_daily as k using mart_day as d where k.store_id = d.store_id and k.business_day = d.business_day;

insert into marts.kpi_team_daily
with sums as (
    select
        store_id, team, business_day,
        count(*) as agents,
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
        coalesce(sum(sales_amount) filter (where daily_cost is not null), 0) as costed_sales_amount,
        sum(daily_cost) as daily_cost
    from marts.kpi_agent_daily as a
    semi join mart_day as d on d.store_id = a.store_id and d.business_day = a.business_day
    group by store_id, team, business_day
)

select
    store_id, team, business_day, agents,
    consult_buyers, filtered_buyers, received_buyers, inquiry_buyers, replied_buyers,
    received_buyers - replied_buyers as unreplied_buyers,
    marts.ratio(replied_buyers, received_buyers) as reply_rate,
    buyer_messages, agent_messages,
    marts.ratio(agent_messages, buyer_messages) as qa_ratio,
    marts.ratio(first_response_total_seconds, first_responses) as first_response_seconds,
    marts.ratio(response_total_seconds, answered_questions) as avg_response_seconds,
    slow_buyers, reception_seconds,
    marts.ratio(reception_seconds, replied_buyers) as avg_reception_seconds,
    sales_amount, sales_items, sales_buyers,
    marts.ratio(sales_amount, sales_buyers) as aov,
    marts.ratio(sales_items, sales_buyers) as items_per_buyer,
    refund_amount, inquiry_paid_next_day, inquiry_paid_final,
    marts.ratio(inquiry_paid_next_day, inquiry_buyers) as next_day_conversion,
    marts.ratio(inquiry_paid_final, inquiry_buyers) as final_conversion,
    rated_buyers, satisfied_buyers,
    marts.ratio(satisfied_buyers, rated_buyers) as satisfaction_rate,
    marts.ratio(costed_sales_amount, daily_cost) as roi,
    assist_buyers, next_day_provisional, final_provisional,
    first_responses, first_response_total_seconds, answered_questions, response_total_seconds,
    costed_sales_amount, daily_cost
from sums;
