-- The KPI standard values in force for a store on a day: app.kpi_standard's version by app.version_in_force's rule.
-- grain: one row per metric of that version
create or replace macro app.kpi_standard_in_force(store, day) as table
select k.*
from app.version_in_force('app.kpi_standard', store, day) as v
join app.kpi_standard as k on k.store_id = v.store_id and k.effective_from = v.effective_from;
