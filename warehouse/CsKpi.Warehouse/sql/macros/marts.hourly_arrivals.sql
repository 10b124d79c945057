-- Arrivals by hour of day (planning.md, hour by hour): the mean inquiries a day that began in each clock hour over
-- the store's days with data in [date_from, date_to], and the mean handling time of an inquiry (reception seconds
-- over replied inquiries) of the whole period, the same for every hour.
-- grain: one row per store per hour of day (0–23)
create or replace macro marts.hourly_arrivals(date_from, date_to) as table
with store_days as (
    select store_id, count(*) as days
    from marts.kpi_store_daily
    where business_day between date_from::date and date_to::date
    group by store_id
),
inquiries as (
    select store_id, hour(first_buyer_at) as hour, count(*) as inquiries,
           sum(reception_seconds) as reception_seconds, count(*) filter (where is_replied) as replied
    from core.fct_reception
    where is_inquiry and business_day between date_from::date and date_to::date
    group by store_id, hour(first_buyer_at)
),
handling as (
    select store_id, marts.ratio(sum(reception_seconds), sum(replied)) as handling_seconds
    from inquiries
    group by store_id
),
final as (
    select d.store_id, h.hour::integer as hour, d.days, coalesce(i.inquiries, 0) as inquiries,
           coalesce(i.inquiries, 0) / d.days as arrivals_per_day, t.handling_seconds
    from store_days as d
    cross join range(24) as h(hour)
    left join inquiries as i on i.store_id = d.store_id and i.hour = h.hour
    left join handling as t on t.store_id = d.store_id
)
select * from final;
