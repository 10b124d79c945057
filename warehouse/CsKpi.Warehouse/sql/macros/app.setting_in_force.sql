-- The settings (app.setting: KPI thresholds, filters, the attribution rule) in force for a store on a day, by
-- app.value_in_force's rule. core.store_day_setting holds them for every store and business day.
-- grain: one row per setting code: the app.setting row in force
create or replace macro app.setting_in_force(store, day) as table
select * from app.value_in_force('app.setting', store, day);
