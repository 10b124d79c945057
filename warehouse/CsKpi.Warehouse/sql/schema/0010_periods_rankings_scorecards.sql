-- Periods, rankings and scorecards: table macros every reader shares (pages, cskpi, analysts), e.g.
--   select * from marts.kpi_agent_period('month', date '2026-01-01', date '2026-06-30');
--   select * from marts.agent_ranking('half', date '2026-01-01', date '2026-06-30') where metric = 'final_conversion';
--   select * from marts.scorecard('month', date '2026-03-01', date '2026-03-31');
-- grain is day, week (ISO, Monday first), month, quarter, half (H1 = Jan–Jun), year or range (the whole range).
-- A period's counts are sums of its daily counts; its ratios and means are ratios of the summed numerators and
-- denominators, never means of daily ratios. Periods are clipped to [date_from, date_to]. Sums of counts are cast to
-- bigint: DuckDB sums integers as HUGEINT, which most clients cannot read.

-- grain: one row per agent per period
create macro marts.kpi_agent_period(grain, date_from, date_to) as table
with sums as (
    select
        a.store_id, a.agent_id, p.period, p.period_start, p.period_end,
        arg_max(a.team, a.business_day) as team, arg_max(a.agent_name, a.business_day) as agent_name,
        count(*) as active_days,
        sum(consult_buyers)::bigint as consult_buyers, sum(filtered_buyers)::bigint as filtered_buyers, sum(received_buyers)::bigint as received_buyers,
        sum(inquiry_buyers)::bigint as inquiry_buyers, sum(replied_buyers)::bigint as replied_buyers, sum(buyer_messages)::bigint as buyer_messages,
        sum(agent_messages)::bigint as agent_messages, sum(slow_buyers)::bigint as slow_buyers, sum(reception_seconds) as reception_seconds,
        sum(sales_amount) as sales_amount, sum(sales_items)::bigint as sales_items, sum(sales_buyers)::bigint as sales_buyers,
        sum(refund_amount) as refund_amount, sum(inquiry_paid_next_day)::bigint as inquiry_paid_next_day,
        sum(inquiry_paid_final)::bigint as inquiry_paid_final, sum(rated_buyers)::bigint as rated_buyers, sum(satisfied_buyers)::bigint as satisfied_buyers,
        sum(assist_buyers)::bigint as assist_buyers, sum(first_responses)::bigint as first_responses,
        sum(first_response_total_seconds) as first_response_total_seconds, sum(answered_questions)::bigint as answered_questions,
        sum(response_total_seconds) as response_total_seconds,
        coalesce(sum(sales_amount) filter (where daily_cost is not null), 0) as costed_sales_amount, sum(daily_cost) as daily_cost,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from marts.kpi_agent_daily as a
    join marts.period_day(grain, date_from, date_to) as p using (business_day)
    group by a.store_id, a.agent_id, p.period, p.period_start, p.period_end
)
select
    store_id, team, agent_id, agent_name, period, period_start, period_end, active_days,
    consult_buyers, filtered_buyers, received_buyers, inquiry_buyers, replied_buyers,
    received_buyers - replied_buyers as unreplied_buyers, marts.ratio(replied_buyers, received_buyers) as reply_rate,
    buyer_messages, agent_messages, marts.ratio(agent_messages, buyer_messages) as qa_ratio,
    marts.ratio(first_response_total_seconds, first_responses) as first_response_seconds,
    marts.ratio(response_total_seconds, answered_questions) as avg_response_seconds,
    slow_buyers, reception_seconds, marts.ratio(reception_seconds, replied_buyers) as avg_reception_seconds,
    sales_amount, sales_items, sales_buyers, marts.ratio(sales_amount, sales_buyers) as aov,
    marts.ratio(sales_items, sales_buyers) as items_per_buyer, refund_amount,
    inquiry_paid_next_day, inquiry_paid_final,
    marts.ratio(inquiry_paid_next_day, inquiry_buyers) as next_day_conversion,
    marts.ratio(inquiry_paid_final, inquiry_buyers) as final_conversion,
    rated_buyers, satisfied_buyers, marts.ratio(satisfied_buyers, rated_buyers) as satisfaction_rate,
    marts.ratio(costed_sales_amount, daily_cost) as roi, assist_buyers,
    next_day_provisional, final_provisional,
    first_responses, first_response_total_seconds, answered_questions, response_total_seconds, costed_sales_amount, daily_cost
from sums;

-- grain: one row per team per period
create macro marts.kpi_team_period(grain, date_from, date_to) as table
with sums as (
    select
        t.store_id, t.team, p.period, p.period_start, p.period_end,
        count(*) as active_days, max(agents) as max_agents,
        sum(consult_buyers)::bigint as consult_buyers, sum(filtered_buyers)::bigint as filtered_buyers, sum(received_buyers)::bigint as received_buyers,
        sum(inquiry_buyers)::bigint as inquiry_buyers, sum(replied_buyers)::bigint as replied_buyers, sum(buyer_messages)::bigint as buyer_messages,
        sum(agent_messages)::bigint as agent_messages, sum(slow_buyers)::bigint as slow_buyers, sum(reception_seconds) as reception_seconds,
        sum(sales_amount) as sales_amount, sum(sales_items)::bigint as sales_items, sum(sales_buyers)::bigint as sales_buyers,
        sum(refund_amount) as refund_amount, sum(inquiry_paid_next_day)::bigint as inquiry_paid_next_day,
        sum(inquiry_paid_final)::bigint as inquiry_paid_final, sum(rated_buyers)::bigint as rated_buyers, sum(satisfied_buyers)::bigint as satisfied_buyers,
        sum(assist_buyers)::bigint as assist_buyers, sum(first_responses)::bigint as first_responses,
        sum(first_response_total_seconds) as first_response_total_seconds, sum(answered_questions)::bigint as answered_questions,
        sum(response_total_seconds) as response_total_seconds,
        sum(costed_sales_amount) as costed_sales_amount, sum(daily_cost) as daily_cost,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from marts.kpi_team_daily as t
    join marts.period_day(grain, date_from, date_to) as p using (business_day)
    group by t.store_id, t.team, p.period, p.period_start, p.period_end
)
select
    store_id, team, period, period_start, period_end, active_days, max_agents,
    consult_buyers, filtered_buyers, received_buyers, inquiry_buyers, replied_buyers,
    received_buyers - replied_buyers as unreplied_buyers, marts.ratio(replied_buyers, received_buyers) as reply_rate,
    buyer_messages, agent_messages, marts.ratio(agent_messages, buyer_messages) as qa_ratio,
    marts.ratio(first_response_total_seconds, first_responses) as first_response_seconds,
    marts.ratio(response_total_seconds, answered_questions) as avg_response_seconds,
    slow_buyers, reception_seconds, marts.ratio(reception_seconds, replied_buyers) as avg_reception_seconds,
    sales_amount, sales_items, sales_buyers, marts.ratio(sales_amount, sales_buyers) as aov,
    marts.ratio(sales_items, sales_buyers) as items_per_buyer, refund_amount,
    inquiry_paid_next_day, inquiry_paid_final,
    marts.ratio(inquiry_paid_next_day, inquiry_buyers) as next_day_conversion,
    marts.ratio(inquiry_paid_final, inquiry_buyers) as final_conversion,
    rated_buyers, satisfied_buyers, marts.ratio(satisfied_buyers, rated_buyers) as satisfaction_rate,
    marts.ratio(costed_sales_amount, daily_cost) as roi, assist_buyers,
    next_day_provisional, final_provisional,
    first_responses, first_response_total_seconds, answered_questions, response_total_seconds, costed_sales_amount, daily_cost
from sums;

-- grain: one row per store per period
create macro marts.kpi_store_period(grain, date_from, date_to) as table
with sums as (
    select
        s.store_id, p.period, p.period_start, p.period_end,
        count(*) as active_days, max(agents) as max_agents,
        sum(consult_buyers)::bigint as consult_buyers, sum(filtered_buyers)::bigint as filtered_buyers, sum(received_buyers)::bigint as received_buyers,
        sum(inquiry_buyers)::bigint as inquiry_buyers, sum(replied_buyers)::bigint as replied_buyers, sum(buyer_messages)::bigint as buyer_messages,
        sum(agent_messages)::bigint as agent_messages, sum(slow_buyers)::bigint as slow_buyers, sum(reception_seconds) as reception_seconds,
        sum(sales_amount) as sales_amount, sum(sales_items)::bigint as sales_items, sum(sales_buyers)::bigint as sales_buyers,
        sum(refund_amount) as refund_amount, sum(inquiry_paid_next_day)::bigint as inquiry_paid_next_day,
        sum(inquiry_paid_final)::bigint as inquiry_paid_final, sum(rated_buyers)::bigint as rated_buyers, sum(satisfied_buyers)::bigint as satisfied_buyers,
        sum(assist_buyers)::bigint as assist_buyers, sum(total_paid_amount) as total_paid_amount, sum(silent_amount) as silent_amount,
        sum(paid_buyers)::bigint as paid_buyers, sum(credited_paid_buyers)::bigint as credited_paid_buyers,
        sum(first_responses)::bigint as first_responses,
        sum(first_response_total_seconds) as first_response_total_seconds, sum(answered_questions)::bigint as answered_questions,
        sum(response_total_seconds) as response_total_seconds,
        sum(costed_sales_amount) as costed_sales_amount, sum(daily_cost) as daily_cost,
        bool_or(next_day_provisional) as next_day_provisional, bool_or(final_provisional) as final_provisional
    from marts.kpi_store_daily as s
    join marts.period_day(grain, date_from, date_to) as p using (business_day)
    group by s.store_id, p.period, p.period_start, p.period_end
)
select
    store_id, period, period_start, period_end, active_days, max_agents,
    consult_buyers, filtered_buyers, received_buyers, inquiry_buyers, replied_buyers,
    received_buyers - replied_buyers as unreplied_buyers, marts.ratio(replied_buyers, received_buyers) as reply_rate,
    buyer_messages, agent_messages, marts.ratio(agent_messages, buyer_messages) as qa_ratio,
    marts.ratio(first_response_total_seconds, first_responses) as first_response_seconds,
    marts.ratio(response_total_seconds, answered_questions) as avg_response_seconds,
    slow_buyers, reception_seconds, marts.ratio(reception_seconds, replied_buyers) as avg_reception_seconds,
    sales_amount, sales_items, sales_buyers, marts.ratio(sales_amount, sales_buyers) as aov,
    marts.ratio(sales_items, sales_buyers) as items_per_buyer, refund_amount,
    inquiry_paid_next_day, inquiry_paid_final,
    marts.ratio(inquiry_paid_next_day, inquiry_buyers) as next_day_conversion,
    marts.ratio(inquiry_paid_final, inquiry_buyers) as final_conversion,
    rated_buyers, satisfied_buyers, marts.ratio(satisfied_buyers, rated_buyers) as satisfaction_rate,
    marts.ratio(costed_sales_amount, daily_cost) as roi, assist_buyers,
    total_paid_amount, silent_amount, marts.ratio(total_paid_amount - silent_amount, total_paid_amount) as cs_sales_share,
    paid_buyers, credited_paid_buyers, marts.ratio(credited_paid_buyers, paid_buyers) as cs_buyer_share,
    next_day_provisional, final_provisional,
    first_responses, first_response_total_seconds, answered_questions, response_total_seconds, costed_sales_amount, daily_cost
from sums;

-- The agent metrics as (metric, value) rows, with which way is better: the input of rankings and scorecards.
-- metrics.md ranks response and reception times lower-is-better; unreplied and slow buyers and refunds are
-- counted against an agent too, so they are lower-is-better here as well.
-- grain: one row per agent per period per metric
create macro marts.agent_metric(grain, date_from, date_to) as table
with periods as (
    select * from marts.kpi_agent_period(grain, date_from, date_to)
),
long as (
    select *
    from (
        -- unpivot brings every metric to one type, double
        select *, inquiry_buyers as period_inquiry_buyers
        from periods
    ) unpivot include nulls (value for metric in (
            consult_buyers, filtered_buyers, received_buyers, inquiry_buyers, replied_buyers, unreplied_buyers,
            reply_rate, buyer_messages, agent_messages, qa_ratio, first_response_seconds, avg_response_seconds, slow_buyers,
            reception_seconds, avg_reception_seconds, sales_amount, sales_items, sales_buyers, aov, items_per_buyer,
            refund_amount, inquiry_paid_next_day, inquiry_paid_final, next_day_conversion, final_conversion, rated_buyers,
            satisfied_buyers, satisfaction_rate, roi, assist_buyers))
)
select
    *,
    case when metric in ('first_response_seconds', 'avg_response_seconds', 'reception_seconds', 'avg_reception_seconds',
                         'unreplied_buyers', 'slow_buyers', 'refund_amount') then 'lower' else 'higher' end as direction,
    -- sums scale a target with the period's length; ratios and means do not
    metric in ('consult_buyers', 'filtered_buyers', 'received_buyers', 'inquiry_buyers', 'replied_buyers', 'unreplied_buyers',
               'buyer_messages', 'agent_messages', 'slow_buyers', 'reception_seconds', 'sales_amount', 'sales_items',
               'sales_buyers', 'refund_amount', 'inquiry_paid_next_day', 'inquiry_paid_final', 'rated_buyers',
               'satisfied_buyers', 'assist_buyers') as is_sum
from long;

-- grain: one row per agent per month: the monthly scorecard, kept so pages and HR read it without recomputing
create table marts.scorecard_monthly (
    store_id        varchar not null,
    team            varchar not null,
    agent_id        varchar not null,
    agent_name      varchar not null,
    month           varchar not null,
    period_start    date not null,
    period_end      date not null,
    scorecard_from  date not null,
    items           struct(metric varchar, weight double, target double, direction varchar, actual double, score double)[] not null,
    total           double not null,
    max_total       double not null,
    grade           varchar not null,
    team_rank       integer not null,
    store_rank      integer not null,
    team_score      double not null
);
comment on table marts.scorecard_monthly is '月度绩效考核 — one row per agent per month: item scores, total, grade and ranks under the scorecard in force at month end';
comment on column marts.scorecard_monthly.store_id is '店铺';
comment on column marts.scorecard_monthly.team is '小组 — the agent''s team at the end of the month';
comment on column marts.scorecard_monthly.agent_id is '客服账号';
comment on column marts.scorecard_monthly.agent_name is '客服姓名';
comment on column marts.scorecard_monthly.month is '月份 — 2026-03';
comment on column marts.scorecard_monthly.period_start is '开始日';
comment on column marts.scorecard_monthly.period_end is '结束日 — the month''s last day, or the last day with data';
comment on column marts.scorecard_monthly.scorecard_from is '考核方案生效日 — which version of the scorecard scored it';
comment on column marts.scorecard_monthly.items is '考核项 — metric, weight, target (scaled for sums), direction, actual, score';
comment on column marts.scorecard_monthly.total is '总分 — sum of item scores; at most cap × sum of weights (115 by default)';
comment on column marts.scorecard_monthly.max_total is '满分 — cap × sum of weights';
comment on column marts.scorecard_monthly.grade is '等级 — A ≥ 100, B ≥ 85, C ≥ 70, D below';
comment on column marts.scorecard_monthly.team_rank is '组内排名 — ties share a rank';
comment on column marts.scorecard_monthly.store_rank is '店内排名 — ties share a rank';
comment on column marts.scorecard_monthly.team_score is '小组得分 — mean of the team members'' totals';
