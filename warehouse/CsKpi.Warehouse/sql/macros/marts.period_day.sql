-- grain: one row per business day of [date_from, date_to] with the period it falls in
create or replace macro marts.period_day(grain, date_from, date_to) as table
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
