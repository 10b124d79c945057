-- Periods, rankings and scorecards: table macros every reader shares (pages, cskpi, analysts), e.g.
--   select * from marts.kpi_agent_period('month', date '2026-01-01', date '2026-06-30');
--   select * from marts.agent_ranking('half', date '2026-01-01', date '2026-06-30') where metric = 'final_conversion';
--   select * from marts.scorecard('month', date '2026-03-01', date '2026-03-31');
-- grain is day, week (ISO, Monday first), month, quarter, half (H1 = Jan–Jun), year or range (the whole range).
-- A period's counts are sums of its daily counts; its ratios and means are ratios of the summed numerators and
-- denominators, never means of daily ratios. Periods are clipped to [date_from, date_to]. Sums of counts are cast to
-- bigint: DuckDB sums integers as HUGEINT, which most clients cannot read.

-- grain: one row per business day of [date_from, date_to] with the period it falls in
create macro marts.period_day(grain, date_from, date_to) as table
select
    d.business_day,
    case grain
        when 'day' then strftime(d.business_day, '%Y-%m-%d')
        when 'week' then d.week
        when 'month' then d.month
        when 'quarter' then d.quarter
        when 'half' then d.half
        when 'year' then d.year::varchar
        when 'range' then strftime(date_from::date, '%Y-%m-%d') || '~' || strftime(date_to::date, '%Y-%m-%d')
        else error('grain ''' || grain || ''' is not one of day, week, month, quarter, half, year, range')
    end as period,
    greatest(date_from::date, case grain
        when 'day' then d.business_day
        when 'week' then d.week_start
        when 'month' then d.month_start
        when 'quarter' then cast(date_trunc('quarter', d.business_day) as date)
        when 'half' then make_date(d.year, case when month(d.business_day) <= 6 then 1 else 7 end, 1)
        when 'year' then make_date(d.year, 1, 1)
        else date_from::date
    end) as period_start,
    least(date_to::date, case grain
        when 'day' then d.business_day
        when 'week' then d.week_start + 6
        when 'month' then last_day(d.business_day)
        when 'quarter' then cast(date_trunc('quarter', d.business_day) + interval 3 month as date) - 1
        when 'half' then make_date(d.year, case when month(d.business_day) <= 6 then 6 else 12 end, case when month(d.business_day) <= 6 then 30 else 31 end)
        when 'year' then make_date(d.year, 12, 31)
        else date_to::date
    end) as period_end
from core.dim_date as d
where d.business_day between date_from::date and date_to::date;

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

-- Rankings: per period, store or team, and metric, best first; ties share a rank (1, 2, 2, 4). Agents with fewer
-- than min_inquiries_for_rank inquiry buyers in the period (the setting on its last day) are listed apart as
-- small samples, unranked; so is an agent whose value is empty.
-- grain: one row per agent per period per metric
create macro marts.agent_ranking(grain, date_from, date_to) as table
with metrics as (
    select m.*, s.min_inquiries_for_rank,
           m.period_inquiry_buyers < s.min_inquiries_for_rank as is_small_sample
    from marts.agent_metric(grain, date_from, date_to) as m
    -- a period may end after the last day with data (the month in progress): the newest settings then
    asof join core.store_day_setting as s on s.store_id = m.store_id and s.business_day <= m.period_end
),
rankable as (
    select *, not is_small_sample and value is not null as is_ranked,
           case when direction = 'lower' then value else -value end as badness
    from metrics
)
select
    store_id, team, agent_id, agent_name, period, period_start, period_end, metric, value, direction,
    case when is_ranked then rank() over (partition by store_id, period, metric, is_ranked order by badness) end as store_rank,
    case when is_ranked then rank() over (partition by store_id, team, period, metric, is_ranked order by badness) end as team_rank,
    is_small_sample, period_inquiry_buyers as inquiry_buyers, min_inquiries_for_rank
from rankable;

-- Scorecards (绩效考核): the items of the scorecard version in force on the period's last day (the store's own
-- newest version, else the default's), scored as metrics.md says; totals ranked within team and store.
-- grain: one row per agent per period
create macro marts.scorecard(grain, date_from, date_to) as table
with metrics as (
    select * from marts.agent_metric(grain, date_from, date_to)
),
periods as (
    select distinct m.store_id, m.period, m.period_start, m.period_end, s.scorecard_cap as cap
    from metrics as m
    asof join core.store_day_setting as s on s.store_id = m.store_id and s.business_day <= m.period_end
),
versions as (
    select p.store_id, p.period, i.store_id as item_store, i.effective_from
    from periods as p
    join (select distinct store_id, effective_from from app.scorecard_item) as i
      on i.store_id in (p.store_id, '*') and i.effective_from <= p.period_end
    qualify row_number() over (partition by p.store_id, p.period order by i.store_id = '*', i.effective_from desc) = 1
),
items as (
    select v.store_id, v.period, v.effective_from as scorecard_from, i.metric, i.weight::double as weight, i.target::double as target,
           i.direction
    from versions as v
    join app.scorecard_item as i on i.store_id = v.item_store and i.effective_from = v.effective_from
),
scored as (
    select
        m.store_id, m.team, m.agent_id, m.agent_name, m.period, m.period_start, m.period_end, i.scorecard_from, p.cap,
        i.metric, i.weight, i.direction, m.value as actual,
        case when m.is_sum then i.target * (m.period_end - m.period_start + 1) / 30.0 else i.target end as target
    from metrics as m
    join items as i on i.store_id = m.store_id and i.period = m.period and i.metric = m.metric
    join periods as p on p.store_id = m.store_id and p.period = m.period
),
item_scores as (
    select
        *,
        case
            when actual is null then 0
            when direction = 'higher' then weight * least(cap, actual / target)
            when actual = 0 then weight * cap
            else weight * least(cap, target / actual)
        end as score
    from scored
),
totals as (
    select
        store_id, team, agent_id, agent_name, period, period_start, period_end, scorecard_from,
        list({'metric': metric, 'weight': weight, 'target': target, 'direction': direction, 'actual': actual, 'score': score}
             order by weight desc, metric) as items,
        sum(score) as total,
        any_value(cap) * sum(weight) as max_total
    from item_scores
    group by all
)
select
    store_id, team, agent_id, agent_name, period, period_start, period_end, scorecard_from, items, total, max_total,
    case when total >= 100 then 'A' when total >= 85 then 'B' when total >= 70 then 'C' else 'D' end as grade,
    rank() over (partition by store_id, team, period order by total desc) as team_rank,
    rank() over (partition by store_id, period order by total desc) as store_rank,
    avg(total) over (partition by store_id, team, period) as team_score
from totals;

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
