-- The planning settings (app.planning_setting: staffing and chat sampling) in force for a store on a day, by
-- app.value_in_force's rule.
-- grain: one row per setting code: the app.planning_setting row in force
create or replace macro app.planning_setting_in_force(store, day) as table
select * from app.value_in_force('app.planning_setting', store, day);
