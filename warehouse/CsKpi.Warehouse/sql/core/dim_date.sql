-- grain: one row per business day, from the day before the first data to a week past the last
-- The margin before covers a day_cutoff moving a time to the previous day; the margin after lets the conversion
-- windows of the last days be named.

delete from core.dim_date;

insert into core.dim_date
with bounds as (
    select min(first_day) - 1 as first_day, max(last_day) + 7 as last_day from core.dim_store
),

campaign as (
    select unnest(from_json(value, '["VARCHAR"]')) as month_day
    from app.setting
    where store_id = '*' and code = 'campaign_days'
    qualify row_number() over (order by effective_from desc) = 1
),

days as (
    select cast(d as date) as business_day
    from bounds, range(bounds.first_day, bounds.last_day + 1, interval 1 day) as t(d)
    where bounds.first_day is not null
),

final as (
    select
        business_day,
        year(business_day) as year,
        year(business_day) || case when month(business_day) <= 6 then 'H1' else 'H2' end as half,
        year(business_day) || 'Q' || quarter(business_day) as quarter,
        strftime(business_day, '%Y-%m') as month,
        cast(date_trunc('month', business_day) as date) as month_start,
        isoyear(business_day) as iso_year,
        week(business_day) as iso_week,
        isoyear(business_day) || '-W' || lpad(week(business_day)::varchar, 2, '0') as week,
        cast(date_trunc('week', business_day) as date) as week_start,
        isodow(business_day) as weekday,
        ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][isodow(business_day)] as weekday_name,
        strftime(business_day, '%m-%d') in (select month_day from campaign) as is_campaign_day
    from days
)

select * from final;
