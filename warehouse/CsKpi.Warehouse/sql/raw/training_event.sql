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
            when agent_id is null then {'column_name': 'agent_id', 'value': '', 'code': 'training.agent_id.empty', 'args': null}
            when course_id is null then {'column_name': 'course_id', 'value': '', 'code': 'training.course_id.empty', 'args': null}
            when status is null then {'column_name': 'status', 'value': coalesce(status_text, ''),
                'code': case when etl.blank(status_text) is null then 'training.status.empty' else 'training.status.invalid' end, 'args': null}
            when event_on is null then {'column_name': 'event_on', 'value': coalesce(event_on_text, ''),
                'code': case when etl.blank(event_on_text) is null then 'training.event_on.empty' else 'training.event_on.invalid' end, 'args': null}
            when etl.blank(score_text) is not null and (score is null or score not between 0 and 100) then {'column_name': 'score', 'value': score_text,
                'code': 'score_0_100.invalid', 'args': null}
            when status = 'completed' and score is null then {'column_name': 'score', 'value': '', 'code': 'training.score.missing', 'args': null}
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
