-- grain: one row per rating loaded (rating_key); raw.rating_current keeps the newest per store, buyer, agent and day
-- Loads the staged rows of one ratings file. Variables: file_id, file_name, time_zone.
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows to insert); the loader
-- then files the failures in etl.rejects and counts both, the same way for every kind.

create or replace temp table typed as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
        etl.blank(store_id) as store_id,
        etl.blank(buyer_id) as buyer_id,
        etl.blank(agent_id) as agent_id,
        rated_at as rated_at_text,
        etl.parse_timestamp(rated_at, getvariable('time_zone')) as rated_at,
        score as score_text,
        etl.rating_score(score) as score,
        etl.blank(comment) as comment
    from staged
),

checked as (
    select
        *,
        case
            when store_id is null then {'column_name': 'store_id', 'value': '', 'code': 'ratings.store_id.empty', 'args': null}
            when buyer_id is null then {'column_name': 'buyer_id', 'value': '', 'code': 'ratings.buyer_id.empty', 'args': null}
            when agent_id is null then {'column_name': 'agent_id', 'value': '', 'code': 'ratings.agent_id.empty', 'args': null}
            when rated_at is null then {'column_name': 'rated_at', 'value': coalesce(rated_at_text, ''),
                'code': case when etl.blank(rated_at_text) is null then 'timestamp.empty' else 'timestamp.invalid' end, 'args': null}
            when score is null then {'column_name': 'score', 'value': coalesce(score_text, ''),
                'code': case when etl.blank(score_text) is null then 'ratings.score.empty' else 'ratings.score.invalid' end, 'args': null}
        end as failure
    from parsed
)

select * from checked;

-- The key holds rated_at, so an identical loaded rating lies in the file's range: the dedupe reads only those days.
set variable first_rated_at = (select min(rated_at) from typed where failure is null);
set variable last_rated_at = (select max(rated_at) from typed where failure is null);

create or replace temp table fresh as
with valid as (
    select
        md5(concat_ws(chr(31), store_id, buyer_id, agent_id, rated_at::varchar, score::varchar, coalesce(comment, ''))) as rating_key,
        *
    from typed
    where failure is null
),

first_in_file as (
    select * from valid
    qualify row_number() over (partition by rating_key order by line) = 1
)

select f.*
from first_in_file as f
anti join (
    select rating_key from raw.rating
    where rated_at between getvariable('first_rated_at') and getvariable('last_rated_at')
) as r on r.rating_key = f.rating_key;

insert into raw.rating
select rating_key, store_id, buyer_id, agent_id, rated_at, cast(rated_at as date), score, comment,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from fresh;

insert or ignore into etl.touched_days
select distinct getvariable('file_id'), store_id, cast(rated_at as date) from fresh;
