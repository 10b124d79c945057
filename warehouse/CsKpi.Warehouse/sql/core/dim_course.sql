-- grain: one row per course of the catalogue (its newest row)
-- This table and core.fct_training (fct_training.sql) are functions of raw.course and raw.training_event alone, which
-- only a courses or training file changes (raw rows are never deleted): an incremental recompute with no such file
-- since the last one would rebuild both as they are, so it leaves them (a whole-table rewrite of each, and its
-- checkpoint, on every daily run before).
set variable training_changed = getvariable('full_recompute') or exists (
    select 1 from etl.file_ledger where file_id > getvariable('after_file_id') and kind in ('courses', 'training'));

delete from core.dim_course where getvariable('training_changed');

insert into core.dim_course
select
    hash(course_id) >> 1 as course_key,
    course_id, title, category, pass_score, valid_months, required_for_level, hours
from raw.course
where getvariable('training_changed');
