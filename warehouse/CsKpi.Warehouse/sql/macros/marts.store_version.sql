-- The version of a versioned table (app.kpi_standard, app.scorecard_item, app.kpi_course_category: rows keyed by
-- store_id and effective_from) in force for every store on a day: the store's own newest on or before it, else the
-- default's (*), whatever their dates.
-- grain: one row per store with a version
create or replace macro marts.store_version(version_table, on_day) as table
select s.store_id, v.store_id as version_store, v.effective_from
from core.dim_store as s
join (select distinct store_id, effective_from from query_table(version_table)) as v
  on v.store_id in (s.store_id, '*') and v.effective_from <= on_day::date
qualify row_number() over (partition by s.store_id order by v.store_id = '*', v.effective_from desc) = 1;
