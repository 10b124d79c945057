-- grain: one row per training event (event_key); every event is kept as history
-- Loads the staged rows of one training file. Variables: file_id, file_name.
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows to insert); the loader
-- then files the failures in etl.rejects and counts both, the same way for every kind.

create or replace temp table typed as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
        etl.blank(agent_id) as agent_id,
        etl.blank(course_id) as course_id,
        status as status_text,
        etl.training_status(status) as status,
        event_on as event_on_text,
        etl.parse_date(event_on) as event_on,
        score as score_text,
        etl.parse_integer(score) as score,
        etl.blank(assessor) as assessor
    from staged
),

checked as (
    select
        *,
        case
            when agent_id is null then {'column_name': 'agent_id', 'value': '', 'reason': 'agent_id is empty; every training event needs the agent account'}
            when course_id is null then {'column_name': 'course_id', 'value': '', 'reason': 'course_id is empty; every training event needs the course code'}
            when status is null then {'column_name': 'status', 'value': coalesce(status_text, ''),
                'reason': case when etl.blank(status_text) is null then 'status is empty; expected planned, in_progress or completed (计划, 进行中, 已完成)'
                    else 'status ''' || status_text || ''' is not planned, in_progress or completed (计划, 进行中, 已完成)' end}
            when event_on is null then {'column_name': 'event_on', 'value': coalesce(event_on_text, ''),
                'reason': case when etl.blank(event_on_text) is null then 'event_on is empty; expected a date such as 2026-03-08'
                    else 'event_on ''' || event_on_text || ''' is not a date; expected 2026-03-08 or 2026/3/8' end}
            when etl.blank(score_text) is not null and (score is null or score not between 0 and 100) then {'column_name': 'score', 'value': score_text,
                'reason': 'score ''' || score_text || ''' is not a score from 0 to 100'}
            when status = 'completed' and score is null then {'column_name': 'score', 'value': '',
                'reason': 'a completed event needs its score (考核成绩) from 0 to 100'}
        end as failure
    from parsed
)

select * from checked;

create or replace temp table fresh as
with valid as (
    select
        md5(concat_ws(chr(31), agent_id, course_id, status, event_on::varchar, coalesce(score::varchar, ''), coalesce(assessor, ''))) as event_key,
        *
    from typed
    where failure is null
),

first_in_file as (
    select * from valid
    qualify row_number() over (partition by event_key order by line) = 1
)

select f.*
from first_in_file as f
anti join raw.training_event as r on r.event_key = f.event_key;

insert into raw.training_event
select event_key, agent_id, course_id, status, event_on, score, assessor,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from fresh;
