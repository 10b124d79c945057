-- The one rule for "the version in force" of a versioned settings table whose version is every row of one store and
-- effective date (app.scorecard_item, app.kpi_standard, app.kpi_course_category, app.review_rubric and the career
-- tables): on a day, the store's own newest version on or before it, else the default's (*) newest on or before it,
-- whatever their dates: a store that set its own keeps it until it changes it again. version_table is the table's
-- name as text ('app.scorecard_item'). Set-based readers call it per row: from stores, lateral app.…_in_force(…).
-- grain: at most one row: the version's store_id ('*' for the default) and effective_from
create or replace macro app.version_in_force(version_table, store, day) as table
select store_id, effective_from
from (select distinct store_id, effective_from from query_table(version_table))
where store_id in (store, '*') and effective_from <= day::date
order by store_id = '*', effective_from desc
limit 1;
