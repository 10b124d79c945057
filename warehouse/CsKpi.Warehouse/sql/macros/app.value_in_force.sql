-- The one rule for "the value in force" of a keyed settings table (app.setting, app.planning_setting: one value per
-- store, code and effective date): per code, on a day, the store's own newest row on or before it, else the default's
-- (*) newest on or before it, whatever their dates. The same rule as app.version_in_force, with each code a version
-- of its own. keyed_table is the table's name as text ('app.setting').
-- grain: one row per code with a value in force: the table's row (store_id is the row's: the store's or '*')
create or replace macro app.value_in_force(keyed_table, store, day) as table
select *
from query_table(keyed_table)
where store_id in (store, '*') and effective_from <= day::date
qualify row_number() over (partition by code order by store_id = '*', effective_from desc) = 1;
