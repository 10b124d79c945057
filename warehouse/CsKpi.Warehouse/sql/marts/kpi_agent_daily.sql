-- grain: one row per agent per business day (store_id, agent_id, business_day)
-- Rebuilds the days of mart_day. A day on which an agent had no consultation but a credited sale, a refund, an
-- assist or a rating still has a row. Credits follow the rule in force; conversions and assists use the windows
-- in force on the reception's day and the order's creation day. Provisional flags are set by maturity.sql.
-- The platform service sums exist for the stores of their platform only (null elsewhere, never 0): receptions in
-- the platform's service hours, and those a person answered within the platform's thresholds in force that day.
-- Agent reports (issue 16; their sums come from agent_report_sums.sql): a daily report row fills its agent-day, with
-- source 'report', where the store has no raw chats that day (it then replaces any chats row of that agent-day: a
-- late credit or a rating); where the store has chats, CsKpi's row wins and the report only adds its attendance
-- sums (chats carry none), an agent with attendance but no chats that day getting a row of zero receptions.

delete from marts.kpi_agent_daily as k using mart_day as d where k.store_id = d.store_id and k.business_day = d.business_day;

-- Time bounds of the messages that can assist the orders paid on these days, as constants pushed into the scan.
set variable assist_from = (
    select min(o.created_at - to_days(s.inquiry_valid_days))
    from core.fct_order as o
    semi join mart_day as d on d.store_id = o.store_id and d.business_day = o.paid_day
    join core.store_day_setting as s on s.store_id = o.store_id and s.business_day = o.created_day);
set variable assist_to = (
    select max(o.paid_at) from core.fct_order as o semi join mart_day as d on d.store_id = o.store_id and d.business_day = o.paid_day);

set variable mart_from = (select min(business_day) from mart_day);
set variable mart_to = (select max(business_day) from mart_day);
-- grain: one order (fct_order's row) that can reach these days: paid or refunded on one of them, or created from the
-- first of them on (a conversion needs an order created after the reception's first message; two days spare for a
-- day_cutoff). Read by credited_window_from and by the insert's credited, so the three conditions are written once.
-- Filtered before the join with their credits, so the daily path does not join every order of the history with its
-- credit.
-- One scan per condition (an order is one row of fct_order, so together they are the three conditions' or): each
-- bound alone is pushed into its scan and skips the row groups outside it, where the or of three columns read every
-- order of the history (561,609 rows after 360 days of 35 agents, for 14,202). Each scan leaves out the orders an
-- earlier one took, so the three are disjoint and need no union's distinct, which hashed every column of the
-- orders (37,146 rows, a tenth of the insert below in the profile of the day after 90 days at scale 4).
create or replace temp view reached_order as
select * from core.fct_order where paid_day between getvariable('mart_from') and getvariable('mart_to')
union all
select * from core.fct_order where refunded_day between getvariable('mart_from') and getvariable('mart_to')
    and (paid_day is null or paid_day not between getvariable('mart_from') and getvariable('mart_to'))
union all
select * from core.fct_order where created_at >= (getvariable('mart_from') - 2)::timestamp
    and (paid_day is null or paid_day not between getvariable('mart_from') and getvariable('mart_to'))
    and (refunded_day is null or refunded_day not between getvariable('mart_from') and getvariable('mart_to'));

-- The earliest basis (creation or payment) of those orders: credited below. A full recompute reaches every order and
-- needs no bound.
set variable credited_window_from = (
    select min(least(created_at, coalesce(paid_at, created_at))) from reached_order where not getvariable('full_recompute'));

insert into marts.kpi_agent_daily by name
with receptions as (
    select
        r.store_id, r.agent_id, r.business_day,
        count(*) as consult_buyers,
        count(*) filter (where not r.is_received) as filtered_buyers,
        count(*) filter (where r.is_received) as received_buyers,
        count(*) filter (where r.is_inquiry) as inquiry_buyers,
        count(*) filter (where r.is_replied) as replied_buyers,
        coalesce(sum(r.buyer_messages) filter (where r.is_received), 0) as buyer_messages,
        coalesce(sum(r.agent_messages) filter (where r.is_received), 0) as agent_messages,
        count(r.first_response_seconds) filter (where r.is_received) as first_responses,
        coalesce(sum(r.first_response_seconds) filter (where r.is_received), 0) as first_response_total_seconds,
        coalesce(sum(r.answered_questions) filter (where r.is_received), 0) as answered_questions,
        coalesce(sum(r.response_seconds) filter (where r.is_received), 0) as response_total_seconds,
        count(*) filter (where r.is_slow) as slow_buyers,
        coalesce(sum(r.reception_seconds), 0) as reception_seconds,
        count(*) filter (where r.is_received and r.is_service_hours) as service_hours_buyers,
        count(*) filter (where r.is_received and r.is_service_hours and r.first_manual_response_seconds <= s.taobao_response_seconds)
            as taobao_manual_3min_buyers,
        count(*) filter (where r.is_received and r.is_service_hours and r.first_manual_response_seconds <= s.jd_response_seconds)
            as jd_answered_30s_sessions,
        count(*) filter (where r.is_received and r.is_service_hours and r.longest_manual_wait_seconds <= s.pdd_unanswered_seconds)
            as pdd_effective_reply_buyers,
        count(*) filter (where r.is_received and r.is_service_hours and r.first_manual_response_seconds <= s.pdd_reply_5min_seconds)
            as pdd_reply_5min_buyers,
        count(*) filter (where r.is_received and r.is_service_hours and r.first_manual_response_seconds <= s.pdd_reply_15min_seconds)
            as pdd_reply_15min_buyers,
        count(*) filter (where r.is_received and r.is_service_hours and r.first_manual_response_seconds <= s.pdd_reply_60min_seconds)
            as pdd_reply_60min_buyers
    from core.fct_reception as r
    semi join mart_day as d on d.store_id = r.store_id and d.business_day = r.business_day
    left join core.store_day_setting as s on s.store_id = r.store_id and s.business_day = r.business_day
    group by r.store_id, r.agent_id, r.business_day
),

-- Their in-force credits. A credit to an agent ends its window at its basis, the order's creation or payment, so every
-- credit of these orders ends its window at or after credited_window_from: the bound is pushed into the scan, where
-- the credits' row groups (written in creation order) of orders older than the oldest reached one are skipped. Joined
-- whole, every in-force credit of the history was read and hashed against every order (875,231 credits after 360
-- days at scale 4: the scan and the join were most of this statement). The oldest order reached is a day's refund or
-- late payment of an order some weeks old, so the scan reads those weeks; it read every credit of the history for
-- the older orders when they were joined apart (444,416 rows after 360 days at scale 4).
credited as (
    select o.*, c.agent_id
    from reached_order as o
    join (
        select store_id, order_id, agent_id from core.fct_order_credit
        where in_force and agent_id is not null
          and (getvariable('full_recompute') or window_to >= getvariable('credited_window_from'))
    ) as c on c.store_id = o.store_id and c.order_id = o.order_id
),

sales as (
    select
        o.store_id, o.agent_id, o.paid_day as business_day,
        sum(o.amount) as sales_amount,
        sum(o.items) as sales_items,
        count(distinct o.buyer_id) as sales_buyers
    from credited as o
    semi join mart_day as d on d.store_id = o.store_id and d.business_day = o.paid_day
    group by all
),

refunds as (
    select o.store_id, o.agent_id, o.refunded_day as business_day, sum(o.refund_amount) as refund_amount
    from credited as o
    semi join mart_day as d on d.store_id = o.store_id and d.business_day = o.refunded_day
    where o.refund_amount > 0
    group by all
),

-- The inquiries with the last paid day their window allows, materialised before they meet the credited orders: left
-- to itself the planner joined the credited orders with store_day_setting on the store alone (orders × days, 112
-- million rows on 1 million messages) and only then with the receptions.
inquiries as materialized (
    select r.store_id, r.agent_id, r.buyer_id, r.business_day, r.first_buyer_at,
           r.business_day + s.final_payment_days as last_paid_day
    from core.fct_reception as r
    semi join mart_day as d on d.store_id = r.store_id and d.business_day = r.business_day
    join core.store_day_setting as s on s.store_id = r.store_id and s.business_day = r.business_day
    where r.is_inquiry
),

conversions as (
    select
        r.store_id, r.agent_id, r.business_day,
        count(distinct r.buyer_id) filter (where o.paid_day <= r.business_day + 1) as inquiry_paid_next_day,
        count(distinct r.buyer_id) as inquiry_paid_final
    from inquiries as r
    join credited as o
      on o.store_id = r.store_id and o.agent_id = r.agent_id and o.buyer_id = r.buyer_id
     and o.created_at >= r.first_buyer_at and o.paid_day <= r.last_paid_day
    group by all
),

assisted_orders as (
    select o.store_id, o.order_id, o.buyer_id, o.agent_id as credited_agent_id, o.paid_day, o.paid_at,
           o.created_at - to_days(s.inquiry_valid_days) as window_from
    from credited as o
    semi join mart_day as d on d.store_id = o.store_id and d.business_day = o.paid_day
    join core.store_day_setting as s on s.store_id = o.store_id and s.business_day = o.created_day
),

-- Each order's window as the business days it spans (a day_cutoff can put its first moments on the day before), so
-- the join matches a buyer's messages of those days only, not every message of a frequent buyer in the data.
assist_window_days as (
    select o.*, cast(unnest(range(cast(o.window_from as date) - 1, o.paid_day + 1, interval 1 day)) as date) as message_day
    from assisted_orders as o
),

assists as (
    select o.store_id, m.agent_id, o.paid_day as business_day, count(distinct o.buyer_id) as assist_buyers
    from assist_window_days as o
    join core.fct_agent_message as m
      on m.store_id = o.store_id and m.buyer_id = o.buyer_id and m.business_day = o.message_day
     and m.sent_at >= o.window_from and m.sent_at <= o.paid_at
    where m.agent_id <> o.credited_agent_id
      and m.sent_at >= getvariable('assist_from') and m.sent_at <= getvariable('assist_to')
    group by all
),

ratings as (
    select store_id, agent_id, business_day, count(*) as rated_buyers, count(*) filter (where score >= 4) as satisfied_buyers
    from (
        select r.store_id, r.agent_id, r.buyer_id, cast(r.rated_at - s.day_cutoff as date) as business_day, r.score
        from raw.rating as r
        join core.store_day_setting as s on s.store_id = r.store_id and s.business_day = cast(r.rated_at as date)
        -- only the ratings that can fall on mart_day's span (a day_cutoff puts a time on its calendar day or the one
        -- before): whole partitions of the window below, read from the row groups of those days only, not every
        -- rating of the history
        where r.rated_at >= getvariable('mart_from')::timestamp and r.rated_at < (getvariable('mart_to') + 2)::timestamp
        -- the same buyer rating the same agent again on one business day replaces the earlier rating
        qualify row_number() over (
            partition by r.store_id, r.agent_id, r.buyer_id, cast(r.rated_at - s.day_cutoff as date)
            order by r.rated_at desc, r.load_seq desc) = 1
    ) as latest
    semi join mart_day as d on d.store_id = latest.store_id and d.business_day = latest.business_day
    group by all
),

-- the daily agent report rows of these days (a row whose period is one day)
report_day as (
    select r.* exclude (period_from, period_to, is_daily), r.period_from as business_day
    from agent_report_sums as r
    semi join mart_day as d on d.store_id = r.store_id and d.business_day = r.period_from
    where r.is_daily
),

-- the store-days with raw chats: there CsKpi's own numbers win over a report's (a store-day with a reception has a
-- row of receptions, whose groups are few where the receptions are many)
chat_day as (
    select distinct store_id, business_day from receptions
),

agent_days as (
    select store_id, agent_id, business_day from receptions
    union select store_id, agent_id, business_day from sales
    union select store_id, agent_id, business_day from refunds
    union select store_id, agent_id, business_day from assists
    union select store_id, agent_id, business_day from ratings
    -- an attendance report of an agent on a day the store has chats: a row even when the agent had none
    union select r.store_id, r.agent_id, r.business_day
          from report_day as r semi join chat_day as c using (store_id, business_day)
          where r.has_attendance
),

versions as (
    select k.store_id, k.agent_id, k.business_day, a.agent_key, a.name, a.team, a.monthly_cost
    from agent_days as k
    join core.dim_agent as a
      on a.agent_id = k.agent_id and k.business_day >= a.valid_from and (a.valid_to is null or k.business_day < a.valid_to)
),

counts as (
    select
        k.store_id, v.team, k.agent_id, v.name as agent_name, k.business_day,
        coalesce(r.consult_buyers, 0) as consult_buyers,
        coalesce(r.filtered_buyers, 0) as filtered_buyers,
        coalesce(r.received_buyers, 0) as received_buyers,
        coalesce(r.inquiry_buyers, 0) as inquiry_buyers,
        coalesce(r.replied_buyers, 0) as replied_buyers,
        coalesce(r.buyer_messages, 0) as buyer_messages,
        coalesce(r.agent_messages, 0) as agent_messages,
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
        coalesce(a.assist_buyers, 0) as assist_buyers,
        coalesce(r.first_responses, 0) as first_responses,
        coalesce(r.first_response_total_seconds, 0) as first_response_total_seconds,
        coalesce(r.answered_questions, 0) as answered_questions,
        coalesce(r.response_total_seconds, 0) as response_total_seconds,
        cast(v.monthly_cost / 30 as decimal(18,4)) as daily_cost,
        v.agent_key,
        case when p.platform in ('taobao', 'tmall') then coalesce(r.service_hours_buyers, 0) end as taobao_counted_buyers,
        case when p.platform in ('taobao', 'tmall') then coalesce(r.taobao_manual_3min_buyers, 0) end as taobao_manual_3min_buyers,
        case when p.platform = 'jd' then coalesce(r.service_hours_buyers, 0) end as jd_counted_sessions,
        case when p.platform = 'jd' then coalesce(r.jd_answered_30s_sessions, 0) end as jd_answered_30s_sessions,
        case when p.platform = 'pdd' then coalesce(r.service_hours_buyers, 0) end as pdd_counted_buyers,
        case when p.platform = 'pdd' then coalesce(r.pdd_effective_reply_buyers, 0) end as pdd_effective_reply_buyers,
        case when p.platform = 'pdd' then coalesce(r.pdd_reply_5min_buyers, 0) end as pdd_reply_5min_buyers,
        case when p.platform = 'pdd' then coalesce(r.pdd_reply_15min_buyers, 0) end as pdd_reply_15min_buyers,
        case when p.platform = 'pdd' then coalesce(r.pdd_reply_60min_buyers, 0) end as pdd_reply_60min_buyers
    from agent_days as k
    join versions as v using (store_id, agent_id, business_day)
    left join core.store_day_setting as p using (store_id, business_day)
    left join receptions as r using (store_id, agent_id, business_day)
    left join sales as s using (store_id, agent_id, business_day)
    left join refunds as f using (store_id, agent_id, business_day)
    left join conversions as c using (store_id, agent_id, business_day)
    left join ratings as g using (store_id, agent_id, business_day)
    left join assists as a using (store_id, agent_id, business_day)
),

-- The sums of metrics.yml this model computes; every ratio of the agent level comes from the registry.
final as (
    select
        store_id, team, agent_id, agent_name, business_day, agent_key,
        consult_buyers, filtered_buyers, received_buyers, inquiry_buyers, replied_buyers,
        received_buyers - replied_buyers as unreplied_buyers,
        buyer_messages, agent_messages,
        first_responses, first_response_total_seconds, answered_questions, response_total_seconds,
        slow_buyers, reception_seconds,
        sales_amount, sales_items, sales_buyers, refund_amount,
        inquiry_paid_next_day, inquiry_paid_final,
        rated_buyers, satisfied_buyers,
        -- roi's numerator: the sales of an agent whose cost is known, so a level's roi compares like with like
        case when daily_cost is not null then sales_amount else 0 end as costed_sales_amount,
        daily_cost,
        assist_buyers,
        true as next_day_provisional,
        true as final_provisional,
        taobao_counted_buyers, taobao_manual_3min_buyers, jd_counted_sessions, jd_answered_30s_sessions,
        pdd_counted_buyers, pdd_effective_reply_buyers, pdd_reply_5min_buyers, pdd_reply_15min_buyers, pdd_reply_60min_buyers
    from counts
),

-- CsKpi's rows, with the attendance of a report of the same agent-day; a row of a store-day without chats that a
-- report row replaces is left out
chats_rows as (
    select
        f.*, 'chats' as source,
        r.attendance_days, r.online_seconds, r.service_seconds, r.suspended_seconds, r.logins,
        r.first_login_total_seconds, r.last_online_total_seconds
    from final as f
    left join report_day as r using (store_id, agent_id, business_day)
    left join chat_day as c using (store_id, business_day)
    where r.agent_id is null or c.store_id is not null
),

-- the report's rows of the store-days without chats: the metrics it carries, every other one empty (never 0)
report_rows as (
    select
        r.* exclude (has_attendance),
        v.team, v.name as agent_name, v.agent_key, 'report' as source,
        -- the cost counts only where the report gives sales, so a level's roi compares like with like
        case when r.sales_amount is not null then cast(v.monthly_cost / 30 as decimal(18,4)) end as daily_cost,
        case when r.sales_amount is not null then case when v.monthly_cost is not null then r.sales_amount else 0 end end
            as costed_sales_amount,
        -- a report's figures are final as it gives them
        false as next_day_provisional,
        false as final_provisional
    from report_day as r
    join core.dim_agent as v
      on v.agent_id = r.agent_id and r.business_day >= v.valid_from and (v.valid_to is null or r.business_day < v.valid_to)
    anti join chat_day as c on c.store_id = r.store_id and c.business_day = r.business_day
),

all_rows as (
    select * from chats_rows
    union all by name
    select * from report_rows
)

select
    *,
    /*{ratios:agent}*/
from all_rows;
