-- grain: one row per store, agent and report period (temp table agent_report_sums)
-- The agent reports' figures (core.fct_agent_report) as the registry's sums, so that periods, teams and stores
-- aggregate them as ratios of sums, like CsKpi's own rows (issue 16). Counts and sums go in as they are; a rate or a
-- mean goes in with the count it is a rate of. A metric the report does not carry stays empty, never 0, and both
-- parts of a ratio are empty together. Read by kpi_agent_daily.sql (daily rows) and kpi_agent_report_period.sql
-- (other ranges). Rebuilt whole on every recompute: reports are small.

create or replace temp table agent_report_sums as
with figures as (
    -- one column per metric code the report layouts emit (etl/CsKpi.Etl/Layouts, and chitu-attendance)
    select
        store_id, agent_id, period_from, period_to,
        max(value) filter (where metric = 'consult_buyers') as consult_buyers,
        max(value) filter (where metric = 'received_buyers') as received_buyers,
        max(value) filter (where metric = 'inquiry_buyers') as inquiry_buyers,
        max(value) filter (where metric = 'replied_buyers') as replied_buyers,
        max(value) filter (where metric = 'unreplied_buyers') as unreplied_buyers,
        max(value) filter (where metric = 'reply_rate') as reply_rate,
        max(value) filter (where metric = 'buyer_messages') as buyer_messages,
        max(value) filter (where metric = 'agent_messages') as agent_messages,
        max(value) filter (where metric = 'qa_ratio') as qa_ratio,
        max(value) filter (where metric = 'first_response_seconds') as first_response_seconds,
        max(value) filter (where metric = 'avg_response_seconds') as avg_response_seconds,
        max(value) filter (where metric = 'avg_reception_seconds') as avg_reception_seconds,
        max(value) filter (where metric = 'slow_buyers') as slow_buyers,
        max(value) filter (where metric = 'sales_amount') as sales_amount,
        max(value) filter (where metric = 'sales_items') as sales_items,
        max(value) filter (where metric = 'sales_buyers') as sales_buyers,
        max(value) filter (where metric = 'aov') as aov,
        max(value) filter (where metric = 'items_per_buyer') as items_per_buyer,
        max(value) filter (where metric = 'refund_amount') as refund_amount,
        max(value) filter (where metric = 'inquiry_paid_next_day') as inquiry_paid_next_day,
        max(value) filter (where metric = 'inquiry_paid_final') as inquiry_paid_final,
        max(value) filter (where metric = 'next_day_conversion') as next_day_conversion,
        max(value) filter (where metric = 'final_conversion') as final_conversion,
        max(value) filter (where metric = 'rated_buyers') as rated_buyers,
        max(value) filter (where metric = 'satisfied_buyers') as satisfied_buyers,
        max(value) filter (where metric = 'assist_buyers') as assist_buyers,
        max(value) filter (where metric = 'taobao_manual_response_rate') as taobao_manual_response_rate,
        max(value) filter (where metric = 'jd_response_30s_rate') as jd_response_30s_rate,
        max(value) filter (where metric = 'pdd_effective_reply_rate') as pdd_effective_reply_rate,
        max(value) filter (where metric = 'pdd_reply_5min_rate') as pdd_reply_5min_rate,
        max(value) filter (where metric = 'pdd_reply_15min_rate') as pdd_reply_15min_rate,
        max(value) filter (where metric = 'pdd_reply_60min_rate') as pdd_reply_60min_rate,
        max(value) filter (where metric = 'attendance_days') as attendance_days,
        max(value) filter (where metric = 'online_seconds') as online_seconds,
        max(value) filter (where metric = 'service_seconds') as service_seconds,
        max(value) filter (where metric = 'suspended_seconds') as suspended_seconds,
        max(value) filter (where metric = 'logins') as logins,
        max(value) filter (where metric = 'first_login_time') as first_login_time,
        max(value) filter (where metric = 'last_online_time') as last_online_time
    from core.fct_agent_report
    group by store_id, agent_id, period_from, period_to
),

-- the counts the rates and means below are rates of
counts as (
    select
        *,
        -- replied: 接待人数 − 未回复人数 when the report counts the unreplied, else 回复率 × 接待人数
        coalesce(replied_buyers,
                 -- (greatest ignores nulls: an unknown unreplied count must not read as 0 replied)
                 case when unreplied_buyers is not null then greatest(received_buyers - unreplied_buyers, 0) end,
                 round(reply_rate * received_buyers)) as replied,
        -- buyers who paid: 销售额 / 客单价 (客单价 = 销售额 / 付款人数)
        coalesce(sales_buyers, case when aov > 0 then round(sales_amount / aov) end) as paying_buyers
    from figures
)

select
    store_id, agent_id, period_from, period_to,
    period_from = period_to as is_daily,
    -- counts and sums as the report writes them
    consult_buyers::integer as consult_buyers,
    received_buyers::integer as received_buyers,
    inquiry_buyers::integer as inquiry_buyers,
    replied::integer as replied_buyers,
    -- unreplied: as written, else received − replied
    coalesce(unreplied_buyers, received_buyers - replied)::integer as unreplied_buyers,
    -- messages: as written; one side of 答问比 (客服消息 / 买家消息) from the other when only one is written
    coalesce(buyer_messages, case when qa_ratio > 0 then round(agent_messages / qa_ratio) end)::integer as buyer_messages,
    coalesce(agent_messages, round(qa_ratio * buyer_messages))::integer as agent_messages,
    -- Seconds totals are rounded to whole seconds (the tools print whole seconds; a mean of 37.8 s loses at most half a
    -- second a day): whole numbers add up exactly in any order, so a month's sum is the same however DuckDB's threads
    -- add its days, and a recompute after a kill gives the very same numbers as one that ran through.
    -- 首次响应时间 is a mean over the receptions: its count is 接待人数, its total the mean × 接待人数
    case when first_response_seconds is not null then received_buyers end::integer as first_responses,
    round(first_response_seconds * received_buyers) as first_response_total_seconds,
    -- 平均响应时间 likewise, the receptions standing in for the answered questions the report does not count
    case when avg_response_seconds is not null then received_buyers end::integer as answered_questions,
    round(avg_response_seconds * received_buyers) as response_total_seconds,
    slow_buyers::integer as slow_buyers,
    -- 平均接待时长 is the mean over the replied receptions (avg_reception_seconds' denominator)
    round(avg_reception_seconds * replied) as reception_seconds,
    sales_amount::decimal(18,2) as sales_amount,
    -- items: as written, else 客件数 × the buyers who paid
    coalesce(sales_items, round(items_per_buyer * paying_buyers))::integer as sales_items,
    paying_buyers::integer as sales_buyers,
    refund_amount::decimal(18,2) as refund_amount,
    -- conversions: the count as written, else the rate × 询单人数
    coalesce(inquiry_paid_next_day, round(next_day_conversion * inquiry_buyers))::integer as inquiry_paid_next_day,
    coalesce(inquiry_paid_final, round(final_conversion * inquiry_buyers))::integer as inquiry_paid_final,
    rated_buyers::integer as rated_buyers,
    satisfied_buyers::integer as satisfied_buyers,
    assist_buyers::integer as assist_buyers,
    -- the platforms' rates (3分钟人工响应率 …): 接待人数 counted, the rate × 接待人数 answered
    case when taobao_manual_response_rate is not null then received_buyers end::integer as taobao_counted_buyers,
    round(taobao_manual_response_rate * received_buyers)::integer as taobao_manual_3min_buyers,
    case when jd_response_30s_rate is not null then received_buyers end::integer as jd_counted_sessions,
    round(jd_response_30s_rate * received_buyers)::integer as jd_answered_30s_sessions,
    case when coalesce(pdd_effective_reply_rate, pdd_reply_5min_rate, pdd_reply_15min_rate, pdd_reply_60min_rate) is not null
         then received_buyers end::integer as pdd_counted_buyers,
    round(pdd_effective_reply_rate * received_buyers)::integer as pdd_effective_reply_buyers,
    round(pdd_reply_5min_rate * received_buyers)::integer as pdd_reply_5min_buyers,
    round(pdd_reply_15min_rate * received_buyers)::integer as pdd_reply_15min_buyers,
    round(pdd_reply_60min_rate * received_buyers)::integer as pdd_reply_60min_buyers,
    -- attendance (赤兔 遵时率): the sums as written; 平均上线时间 and 平均最后在线时间 (seconds after midnight) × 上班天数
    attendance_days::integer as attendance_days,
    round(online_seconds) as online_seconds,
    round(service_seconds) as service_seconds,
    round(suspended_seconds) as suspended_seconds,
    logins::integer as logins,
    round(first_login_time * attendance_days) as first_login_total_seconds,
    round(last_online_time * attendance_days) as last_online_total_seconds,
    -- whether the row carries any attendance figure: attendance fills an agent-day even where the store has chats
    coalesce(attendance_days, online_seconds, service_seconds, suspended_seconds, logins, first_login_time, last_online_time)
        is not null as has_attendance
from counts;
