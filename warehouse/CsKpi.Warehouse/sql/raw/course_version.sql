-- grain: one row per catalogue row loaded; raw.course is the newest per course_id
-- Loads the staged rows of one courses file. Variables: file_id, file_name.
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows to insert); the loader
-- then files the failures in etl.rejects and counts both, the same way for every kind.

create or replace temp table typed as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
        etl.blank(course_id) as course_id,
        etl.blank(title) as title,
        category as category_text,
        etl.course_category(category) as category,
        pass_score as pass_score_text,
        coalesce(etl.parse_integer(pass_score), case when etl.blank(pass_score) is null then 60 end) as pass_score,
        valid_months as valid_months_text,
        etl.parse_integer(valid_months) as valid_months,
        required_for_level as required_for_level_text,
        etl.level(required_for_level) as required_for_level,
        hours as hours_text,
        etl.parse_decimal(hours) as hours
    from staged
),

checked as (
    select
        *,
        case
            when course_id is null then {'column_name': 'course_id', 'value': '', 'code': 'courses.course_id.empty', 'args': null}
            when title is null then {'column_name': 'title', 'value': '', 'code': 'courses.title.empty', 'args': null}
            when category is null then {'column_name': 'category', 'value': coalesce(category_text, ''),
                'code': case when etl.blank(category_text) is null then 'courses.category.empty' else 'courses.category.invalid' end, 'args': null}
            when pass_score is null or pass_score not between 0 and 100 then {'column_name': 'pass_score', 'value': pass_score_text,
                'code': 'score_0_100.invalid', 'args': null}
            when etl.blank(valid_months_text) is not null and (valid_months is null or valid_months < 1) then {'column_name': 'valid_months', 'value': valid_months_text,
                'code': 'courses.valid_months.invalid', 'args': null}
            when etl.blank(required_for_level_text) is not null and required_for_level is null then {'column_name': 'required_for_level', 'value': required_for_level_text,
                'code': 'courses.required_for_level.invalid', 'args': null}
            when etl.blank(hours_text) is not null and (hours is null or hours < 0) then {'column_name': 'hours', 'value': hours_text,
                'code': 'courses.hours.invalid', 'args': null}
        end as failure
    from parsed
)

select * from checked;

-- A row identical to the course's current version changes nothing and counts as a duplicate.
create or replace temp table fresh as
with valid as (
    select * from typed where failure is null
    qualify row_number() over (partition by course_id order by line desc) = 1
)

select v.*
from valid as v
anti join raw.course as c
    on c.course_id = v.course_id and c.title = v.title and c.category = v.category and c.pass_score = v.pass_score
   and c.valid_months is not distinct from v.valid_months and c.required_for_level is not distinct from v.required_for_level
   and c.hours is not distinct from cast(v.hours as decimal(6,2));

insert into raw.course_version
select course_id, title, category, pass_score, valid_months, required_for_level, cast(hours as decimal(6,2)),
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from fresh;
