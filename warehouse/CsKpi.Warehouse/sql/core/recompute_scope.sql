-- The days and orders one recompute rebuilds (temp tables; grain noted on each).
-- Variables: full_recompute (boolean), after_file_id (files above it are new to this recompute),
-- settings_since (settings, scorecards, HR's level and coefficient changes and metric registry changes made after it
-- are new), range_from and
-- range_to (a full recompute of some days only: cskpi recompute --from --to; no day outside them is rebuilt).
-- A "touch" is a (store, calendar day) a new file brought, or a day a settings change takes effect from.
-- Roster and settings touches reach every later day ("onward"); a chat, order or rating touch reaches as far as
-- the rules let it: a day_cutoff moves a time to the previous business day, a new order turns the next
-- aftersale_days of receptions into after-sale ones, a message can decide the credit of orders up to
-- inquiry_valid_days later, and a credit moves the conversion of the days up to final_payment_days before it.
-- A store whose platform changed is touched onward from its first day (its platform service metrics change).
-- A full recompute is one onward touch per store from its first day.

-- grain: one row per touch; back: the days before it the touch reaches. A load records calendar days; a time of a
-- calendar day falls on that business day, or on the one before where the store's day_cutoff in force that day is
-- later than midnight (a cutoff is a time of day, never negative), so a load's touch reaches back one day only there.
-- The rebuild of the day before (a whole day's facts, as large as the new day's) was most of the daily path's cost.
-- Any other touch reaches back one day, as before.
create or replace temp table scope_touch as
select t.store_id, t.business_day as day, l.kind = 'agents' as onward,
       case when l.kind <> 'agents' and s.day_cutoff = interval 0 second then 0 else 1 end as back
from etl.touched_days as t
join etl.file_ledger as l using (file_id)
left join core.store_day_setting as s on s.store_id = t.store_id and s.business_day = t.business_day
where not getvariable('full_recompute') and t.file_id > getvariable('after_file_id')
union all
select d.store_id, greatest(c.effective_from, d.first_day), true, 1
from (
    select store_id, effective_from from app.setting where changed_at > getvariable('settings_since')
    union all
    select store_id, effective_from from app.scorecard_item where changed_at > getvariable('settings_since')
    union all
    -- HR's level and coefficient changes split the agent's versions from their day on, so the facts' agent_key moves
    select a.store_id, c.effective_from
    from app.agent_career_change as c
    join (select distinct agent_id, store_id from raw.agent_version) as a using (agent_id)
    where c.changed_at > getvariable('settings_since')
) as c
join core.dim_store as d on c.store_id in (d.store_id, '*')
where not getvariable('full_recompute')
union all
-- a store on another platform than its days were computed for (store_day_setting.sql found it)
select store_id, business_day, true, 1 from platform_change where not getvariable('full_recompute')
union all
-- a metric registry that changes numbers or columns (etl.metric_registry_change) reaches every day of every store
select store_id, first_day, true, 1 from core.dim_store
where not getvariable('full_recompute')
  and exists (select 1 from etl.metric_registry_change where changed_at > getvariable('settings_since'))
union all
-- the days of agent reports whose nick a new roster matched to another agent id (fct_agent_report.sql found them)
select store_id, cast(unnest(range(period_from, period_to + 1, interval 1 day)) as date), false, 1
from report_match_change where not getvariable('full_recompute')
union all
select store_id, greatest(first_day, getvariable('range_from')), true, 1 from core.dim_store where getvariable('full_recompute');

-- grain: one row per store: the widest reach of its rules on any day
create or replace temp table scope_reach as
select store_id, max(aftersale_days) as aftersale_days, max(inquiry_valid_days) as inquiry_valid_days,
       max(final_payment_days) as final_payment_days
from core.store_day_setting
group by store_id;

-- grain: one row per store and business day whose receptions (and questions) are rebuilt
create or replace temp table reception_day as
select distinct d.store_id, d.business_day
from core.store_day_setting as d
join scope_touch as t on t.store_id = d.store_id
join scope_reach as r on r.store_id = d.store_id
where d.business_day >= t.day - t.back and (t.onward or d.business_day <= t.day + r.aftersale_days)
  and d.business_day between getvariable('range_from') and getvariable('range_to');

-- grain: one row per order whose current state is rebuilt: every order with a state in a new file, and every
-- order with a time on or after an onward touch (a new day_cutoff moves its business days). A full recompute takes
-- every order with a state, which are all the orders fct_order holds (fct_order.sql builds it from them), so the
-- second half is left out there: it added every order of fct_order again for the union to remove.
create or replace temp table changed_order as
select distinct store_id, order_id
from raw.order_state
where getvariable('full_recompute') or file_id > getvariable('after_file_id')
union
select o.store_id, o.order_id
from core.fct_order as o
join scope_touch as t on t.store_id = o.store_id and t.onward
where not getvariable('full_recompute')
  and greatest(o.created_at, coalesce(o.paid_at, o.created_at), coalesce(o.refunded_at, o.created_at)) >= t.day - 1;

-- grain: one row per store and business day on which an order's credit may have moved
create or replace temp table credit_day as
select distinct d.store_id, d.business_day
from core.store_day_setting as d
join scope_touch as t on t.store_id = d.store_id
join scope_reach as r on r.store_id = d.store_id
where d.business_day >= t.day - t.back and (t.onward or d.business_day <= t.day + r.inquiry_valid_days + 1)
  and d.business_day between getvariable('range_from') and getvariable('range_to');

-- grain: one row per reception day with the filter_ad_patterns in force on it (null: no ad filter), and the day's
-- settings its messages need. day_no numbers the days in (store, day) order: the facts are written in that order
-- (fct_question.sql says why), and a sort on this one integer costs less than one on the store's name and the day.
create or replace temp table reception_ad_day as
select d.store_id, d.business_day, row_number() over (order by d.store_id, d.business_day) as day_no,
       s.ad_pattern, s.count_auto_replies, s.max_wait_seconds, s.slow_seconds,
       s.service_hours[1] as service_from, s.service_hours[2] as service_to
from reception_day as d
join core.store_day_setting as s on s.store_id = d.store_id and s.business_day = d.business_day;

-- The time bounds of the reception days' messages: variables, i.e. constants DuckDB pushes into the scan (zone maps
-- skip whole row groups); compared with a scalar subquery they became a nested-loop join that cost four times the
-- rest of the query.
set variable reception_from = (select min(business_day)::timestamp from reception_day);
set variable reception_to = (select (max(business_day) + 2)::timestamp from reception_day);

-- grain: one row per store and calendar day whose messages may fall on a reception day: a time's business day is its
-- calendar day, or the day before when it comes before the day_cutoff in force on its calendar day (a cutoff is a
-- time of day, so never further back). Each row carries the settings of both: the reception day itself, and (where
-- the cutoff is after midnight) the one before. reception_chat then finds a message's business day and settings in
-- one join on its calendar day: a second join on the business day, after the first, doubled the cost of reading the
-- 10 million messages, and fct_agent_message's sort and write of its rows after it (docs/benchmarks.md, issue 17
-- round 11).
create or replace temp table reception_calendar_day as
select s.store_id, s.business_day as calendar_day, s.business_day + s.day_cutoff as cutoff_at,
       d.business_day, d.day_no, d.ad_pattern, d.count_auto_replies, d.max_wait_seconds, d.slow_seconds,
       d.service_from, d.service_to,
       b.business_day as before_business_day, b.day_no as before_day_no, b.ad_pattern as before_ad_pattern,
       b.count_auto_replies as before_count_auto_replies, b.max_wait_seconds as before_max_wait_seconds,
       b.slow_seconds as before_slow_seconds, b.service_from as before_service_from, b.service_to as before_service_to
from core.store_day_setting as s
left join reception_ad_day as d on d.store_id = s.store_id and d.business_day = s.business_day
left join reception_ad_day as b
  on b.store_id = s.store_id and b.business_day = s.business_day - 1 and s.day_cutoff > interval 0 second
where s.business_day >= cast(getvariable('reception_from') as date)
  and s.business_day < cast(getvariable('reception_to') as date)
  and (d.business_day is not null or b.business_day is not null);

-- grain: one row per non-system chat message of the reception days, with its business day (a time's business day
-- uses the day_cutoff in force on its calendar day), its consultation and its day's settings. system messages
-- (platform cards) take no part in receptions, questions or reception time. Each reader takes the columns it needs
-- from raw: reception_consultation.sql the names and the text of buyer messages, reception_message.sql the times,
-- fct_agent_message.sql the agent messages (carried through the window pass or a temp table of every message, the
-- text columns cost more than reading them again; docs/benchmarks.md, issue 17 round 10).
create or replace temp view reception_chat as
select store_id, agent_id, buyer_id, sender, sent_at, load_seq, message_key, content,
       business_day, day_no, hash(store_id, agent_id, buyer_id, business_day) as consultation_key,
       ad_pattern, count_auto_replies, max_wait_seconds, slow_seconds,
       -- whether the platform's service hours cover the message (docs/platform-metrics.md)
       case
           when service_from <= service_to then second_of_day >= service_from and second_of_day < service_to
           else second_of_day >= service_from or second_of_day < service_to
       end as in_service_hours
from (
    select m.store_id, m.agent_id, m.buyer_id, m.sender, m.sent_at, m.load_seq, m.message_key, m.content,
           epoch(m.sent_at) - epoch(date_trunc('day', m.sent_at)) as second_of_day,
           -- before the cutoff: the business day before the calendar day (cast(sent_at - day_cutoff as date))
           m.sent_at < c.cutoff_at as before_cutoff,
           case when before_cutoff then c.before_business_day else c.business_day end as business_day,
           case when before_cutoff then c.before_day_no else c.day_no end as day_no,
           case when before_cutoff then c.before_ad_pattern else c.ad_pattern end as ad_pattern,
           case when before_cutoff then c.before_count_auto_replies else c.count_auto_replies end as count_auto_replies,
           case when before_cutoff then c.before_max_wait_seconds else c.max_wait_seconds end as max_wait_seconds,
           case when before_cutoff then c.before_slow_seconds else c.slow_seconds end as slow_seconds,
           case when before_cutoff then c.before_service_from else c.service_from end as service_from,
           case when before_cutoff then c.before_service_to else c.service_to end as service_to
    from raw.chat_message as m
    join reception_calendar_day as c on c.store_id = m.store_id and c.calendar_day = cast(m.sent_at as date)
    where m.sender <> 'system'
      and m.sent_at >= getvariable('reception_from') and m.sent_at < getvariable('reception_to')
)
-- a time of a calendar day whose business day is not a reception day
where business_day is not null;

-- grain: one row per consultation of the reception days in which the buyer wrote; filled by reception_consultation.sql
create or replace temp table reception_consultation (
    store_id          varchar,
    agent_id          varchar,
    buyer_id          varchar,
    business_day      date,
    day_no            bigint,
    consultation_key  ubigint,
    buyer_messages    bigint,
    first_buyer_at    timestamp,
    is_all_ad         boolean,
    is_all_empty      boolean,
    is_service_hours  boolean
);

-- grain: one row per non-system message of the reception days; filled by reception_message.sql
create or replace temp table reception_message (
    consultation_key     ubigint,
    sent_at              timestamp,
    is_buyer             boolean,
    is_agent             boolean,
    wait_seconds         double,
    next_agent_at        timestamp,
    manual_wait_seconds  double,
    is_question          boolean,
    buyers_before        bigint,
    replied_at           timestamp,
    response_seconds     double,
    is_slow              boolean
);

-- grain: one row per distinct pattern of reception_ad_day
create or replace temp table reception_ad_pattern as
select distinct ad_pattern from reception_ad_day;
