-- grain: one row per store per business day of core.dim_date: the settings in force on that day
-- (app.setting_in_force: a store's own row beats the default (*) whatever their dates, so a store that set a value
-- keeps it until it changes it again).

delete from core.store_day_setting;

insert into core.store_day_setting
with days as (
    select s.store_id, d.business_day
    from core.dim_store as s
    cross join core.dim_date as d
),

in_force as (
    select d.store_id, d.business_day, st.code, st.value
    from days as d, lateral app.setting_in_force(d.store_id, d.business_day) as st
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
        any_value(value) filter (where code = 'filter_ad_patterns') as filter_ad_patterns
    from in_force
    group by store_id, business_day
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
            as ad_pattern
    from pivoted
)

select * from final;
