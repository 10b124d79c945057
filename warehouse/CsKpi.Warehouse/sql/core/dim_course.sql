-- grain: one row per course of the catalogue (its newest row)

delete from core.dim_course;

insert into core.dim_course
select
    hash(course_id) >> 1 as course_key,
    course_id, title, category, pass_score, valid_months, required_for_level, hours
from raw.course;
