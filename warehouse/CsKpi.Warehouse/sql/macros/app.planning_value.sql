-- The value of a planning setting for a store on a day: the store's own newest version on or before the day, else
-- the default's. For one-off look-ups (a plan, a job run), not for filters over facts.
create or replace macro app.planning_value(store, setting_code, on_day) as (
    select value
    from app.planning_setting
    where store_id in (store, '*') and code = setting_code and effective_from <= on_day::date
    order by store_id = '*', effective_from desc
    limit 1
);
