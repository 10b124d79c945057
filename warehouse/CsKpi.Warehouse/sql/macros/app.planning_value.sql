-- The value of a planning setting for a store on a day (app.planning_setting_in_force). For one-off look-ups (a
-- plan, a job run), not for filters over facts.
create or replace macro app.planning_value(store, setting_code, on_day) as (
    select value from app.planning_setting_in_force(store, on_day) where code = setting_code
);
