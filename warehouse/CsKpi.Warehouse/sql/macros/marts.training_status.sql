-- grain: one row per agent per course with an event on or before the day, or required by the agent's level or the next
-- only_agent (optional): that agent's courses alone, from their events only
create or replace macro marts.training_status(as_of, only_agent := null) as table
with events as (
    select * from core.fct_training where event_on <= as_of::date and (only_agent is null or agent_id = only_agent)
),

pairs as (
    select
        agent_id, course_id,
        max(event_on) filter (where is_pass) as passed_on,
        arg_max(score, event_on) filter (where is_pass) as pass_score_got,
        arg_max(expires_on, event_on) filter (where is_pass) as expires_on,
        count(*) filter (where status = 'completed')::bigint as attempts,
        count(*) filter (where is_failure)::bigint as failures,
        max(event_on) filter (where is_failure) as last_failed_on,
        arg_max(status, (event_on, load_seq)) as newest_status,
        max(event_on) as newest_on
    from events
    group by agent_id, course_id
),

judged as (
    select
        *,
        passed_on is not null and (expires_on is null or expires_on > as_of::date) as is_valid,
        case
            when passed_on is not null and (expires_on is null or expires_on > as_of::date) then
                case when expires_on <= as_of::date + 30 then 'expiring' else 'passed' end
            when newest_status = 'in_progress' then 'in_progress'
            when failures > 0 and (passed_on is null or last_failed_on > passed_on) then 'failed'
            -- a pass that ran out is not a course never learnt: HR renews it, it does not schedule it from scratch
            when passed_on is not null then 'expired'
            else 'missing'
        end as state
    from pairs
),

final as (
    select
        j.agent_id, j.course_id, c.title, c.category, c.required_for_level, c.pass_score, c.valid_months,
        j.state, j.is_valid, j.passed_on, j.pass_score_got as score, j.expires_on,
        case when not j.is_valid then j.expires_on end as expired_on,
        j.attempts, j.failures, j.newest_status, j.newest_on
    from judged as j
    left join core.dim_course as c using (course_id)
)

select * from final;
