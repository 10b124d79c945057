-- The version of a versioned table (app.kpi_standard, app.scorecard_item, app.kpi_course_category: rows keyed by
-- store_id and effective_from) in force for every store on a day, by app.version_in_force's rule.
-- grain: one row per store with a version
create or replace macro marts.store_version(version_table, on_day) as table
select s.store_id, v.store_id as version_store, v.effective_from
from core.dim_store as s, lateral app.version_in_force(version_table, s.store_id, on_day) as v;
