-- grain: one row per store per business day of core.dim_date: the settings in force on that day
-- (app.setting_in_force: a store's own row beats the default (*) whatever their dates, so a store that set a value
-- keeps it until it changes it again).
-- The platform service metrics' settings (taobao_*, jd_*, pdd_*) apply to the stores of their platform (app.store): the
-- store's service_hours are its platform's hours, [from, to) in seconds of the day; null for other platforms.

-- grain: one row per store whose platform (app.store) is not the one the last recompute used: an admin set it, or a
-- later file's layout named it. recompute_scope.sql recomputes such a store from its first day.
create or replace temp table platform_change as
select s.store_id, min(s.business_day) as business_day
from core.store_day_setting as s
left join app.store as st using (store_id)
where s.platform is distinct from coalesce(st.platform, 'other')
group by s.store_id;

-- grain: one row per store and business day whose settings are (re)computed. A full recompute: every day of every
-- store. Otherwise only what can have changed since the last recompute (settings_since), so the daily path does not
-- resolve every setting of every day of the history again: the days dim_store × dim_date has and this table has
-- not (a new day, a new store), every day from the earliest effective date of a setting changed since (the store's
-- own or the default, '*'), and every day of a store whose platform changed. The rows of other days are the same
-- whichever way they are computed: a day's settings depend only on app.setting, app.store and the day.
create or replace temp table setting_day as
with days as (
    select s.store_id, d.business_day
    from core.dim_store as s
    cross join core.dim_date as d
),

changed_from as (
    select s.store_id, min(c.effective_from) as effective_from
    from app.setting as c
    join core.dim_store as s on c.store_id in (s.store_id, '*')
    where c.changed_at > getvariable('settings_since')
    group by s.store_id
)

select d.store_id, d.business_day
from days as d
left join core.store_day_setting as k using (store_id, business_day)
left join changed_from as c using (store_id)
left join platform_change as p using (store_id)
where getvariable('full_recompute') or k.store_id is null or d.business_day >= c.effective_from or p.store_id is not null;

-- the rows to be recomputed, and any of a (store, day) no longer in dim_store × dim_date
delete from core.store_day_setting as k
where getvariable('full_recompute')
   or exists (select 1 from setting_day as d where d.store_id = k.store_id and d.business_day = k.business_day)
   or not exists (
       select 1 from core.dim_store as s, core.dim_date as d where s.store_id = k.store_id and d.business_day = k.business_day);

insert into core.store_day_setting
with in_force as (
    select d.store_id, d.business_day, st.code, st.value
    from setting_day as d, lateral app.setting_in_force(d.store_id, d.business_day) as st
),

pivoted as (
    select
        store_id,
        business_day,
        any_value(value) filter (where code = 'day_cutoff') as day_cutoff,
        any_value(value) filter (where code = 'aftersale_days') as aftersale_days,
        any_value(value) filter (where code = 'count_auto_replies') as count_auto_replies,
        any_value(value) filter (where code = 'slow_seconds') as slow_seconds,
        any_value(value) filter (where code = 'slow_count') as slow_count,
        any_value(value) filter (where code = 'max_wait_minutes') as max_wait_minutes,
        any_value(value) filter (where code = 'inquiry_valid_days') as inquiry_valid_days,
        any_value(value) filter (where code = 'final_payment_days') as final_payment_days,
        any_value(value) filter (where code = 'attribution_rule') as attribution_rule,
        any_value(value) filter (where code = 'min_inquiries_for_rank') as min_inquiries_for_rank,
        any_value(value) filter (where code = 'scorecard_cap') as scorecard_cap,
        any_value(value) filter (where code = 'filter_buyers') as filter_buyers,
        any_value(value) filter (where code = 'filter_ad_patterns') as filter_ad_patterns,
        any_value(value) filter (where code = 'taobao_response_hours') as taobao_response_hours,
        any_value(value) filter (where code = 'taobao_response_seconds') as taobao_response_seconds,
        any_value(value) filter (where code = 'jd_response_hours') as jd_response_hours,
        any_value(value) filter (where code = 'jd_response_seconds') as jd_response_seconds,
        any_value(value) filter (where code = 'pdd_reply_hours') as pdd_reply_hours,
        any_value(value) filter (where code = 'pdd_unanswered_seconds') as pdd_unanswered_seconds,
        any_value(value) filter (where code = 'pdd_reply_5min_seconds') as pdd_reply_5min_seconds,
        any_value(value) filter (where code = 'pdd_reply_15min_seconds') as pdd_reply_15min_seconds,
        any_value(value) filter (where code = 'pdd_reply_60min_seconds') as pdd_reply_60min_seconds
    from in_force
    group by store_id, business_day
),

-- 'HH:MM-HH:MM' of the store's platform; 24:00 ends a window at midnight, a window may also run past midnight.
platform_hours as (
    select
        p.*,
        coalesce(st.platform, 'other') as platform,
        case
            when st.platform in ('taobao', 'tmall') then coalesce(p.taobao_response_hours, '08:00-24:00')
            when st.platform = 'jd' then coalesce(p.jd_response_hours, '09:00-23:00')
            when st.platform = 'pdd' then coalesce(p.pdd_reply_hours, '08:00-23:00')
        end as service_hours_text
    from pivoted as p
    left join app.store as st using (store_id)
),

final as (
    select
        store_id,
        business_day,
        (date '2000-01-01' + cast(coalesce(day_cutoff, '00:00') as time)) - timestamp '2000-01-01' as day_cutoff,
        cast(coalesce(aftersale_days, '7') as integer) as aftersale_days,
        cast(coalesce(count_auto_replies, 'false') as boolean) as count_auto_replies,
        cast(coalesce(slow_seconds, '60') as double) as slow_seconds,
        cast(coalesce(slow_count, '1') as integer) as slow_count,
        60 * cast(coalesce(max_wait_minutes, '10') as double) as max_wait_seconds,
        cast(coalesce(inquiry_valid_days, '3') as integer) as inquiry_valid_days,
        cast(coalesce(final_payment_days, '3') as integer) as final_payment_days,
        coalesce(attribution_rule, 'order_created') as attribution_rule,
        cast(coalesce(min_inquiries_for_rank, '30') as integer) as min_inquiries_for_rank,
        cast(coalesce(scorecard_cap, '1.15') as decimal(6,4)) as scorecard_cap,
        coalesce(from_json(filter_buyers, '["VARCHAR"]'), []) as filter_buyers,
        nullif(array_to_string(list_transform(coalesce(from_json(filter_ad_patterns, '["VARCHAR"]'), []), p -> '(?:' || p || ')'), '|'), '')
            as ad_pattern,
        platform,
        list_transform(
            string_split(service_hours_text, '-'),
            t -> 3600 * cast(split_part(trim(t), ':', 1) as integer) + 60 * cast(split_part(trim(t), ':', 2) as integer)) as service_hours,
        cast(coalesce(taobao_response_seconds, '180') as double) as taobao_response_seconds,
        cast(coalesce(jd_response_seconds, '30') as double) as jd_response_seconds,
        cast(coalesce(pdd_unanswered_seconds, '3600') as double) as pdd_unanswered_seconds,
        cast(coalesce(pdd_reply_5min_seconds, '300') as double) as pdd_reply_5min_seconds,
        cast(coalesce(pdd_reply_15min_seconds, '900') as double) as pdd_reply_15min_seconds,
        cast(coalesce(pdd_reply_60min_seconds, '3600') as double) as pdd_reply_60min_seconds
    from platform_hours
)

select * from final;
