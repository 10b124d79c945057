-- The KPI → course category mapping in force for a store on a day: app.kpi_course_category's version by
-- app.version_in_force's rule.
-- grain: one row per (metric, category) of that version
create or replace macro app.kpi_course_category_in_force(store, day) as table
select m.*
from app.version_in_force('app.kpi_course_category', store, day) as v
join app.kpi_course_category as m on m.store_id = v.store_id and m.effective_from = v.effective_from;
