-- grain: one row per training event (raw.training_event)
-- Rebuilt whole on every recompute: the events are few, and a catalogue change (a new pass score or validity) must
-- re-judge every event of its course. Left as it is where no courses or training file came since the last recompute
-- (training_changed, dim_course.sql).

delete from core.fct_training where getvariable('training_changed');

insert into core.fct_training
with events as (
    select * from raw.training_event
),

courses as (
    select * from core.dim_course
),

judged as (
    select
        e.agent_id, e.course_id, c.course_key, e.event_on, e.status, e.score, c.pass_score,
        coalesce(e.status = 'completed' and e.score >= c.pass_score, false) as is_pass,
        coalesce(e.status = 'completed' and e.score < c.pass_score, false) as is_failure,
        c.valid_months, e.assessor, e.load_seq
    from events as e
    left join courses as c using (course_id)
),

final as (
    select
        agent_id, course_id, course_key, event_on, status, score, pass_score, is_pass, is_failure,
        case when is_pass and valid_months is not null then cast(event_on + to_months(valid_months) as date) end as expires_on,
        row_number() over (partition by agent_id, course_id order by event_on desc, load_seq desc) = 1 as is_newest,
        assessor, load_seq
    from judged
)

select * from final where getvariable('training_changed');
