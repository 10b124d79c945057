-- The date of a timestamp at exactly midnight, else NULL: how etl.parse_date tells a date written with 00:00:00 from
-- a time of day in a date column.
create or replace macro etl.date_at_midnight(ts) as case when cast(ts as time) = time '00:00:00' then cast(ts as date) end;
